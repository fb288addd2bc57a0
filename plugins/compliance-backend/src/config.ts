import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DAY,
  parseDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { readTechLeadGroups } from '@refarch/backstage-plugin-compliance-node';

/**
 * The plugin's own settings (config.d.ts documents each), read and checked once at start. The
 * policy (`compliance.policy`), the evaluation workers (`compliance.evaluation.isolation`) and
 * the deployed stacks (`compliance.live`) are read by their own modules.
 *
 * @internal
 */
export interface ComplianceConfig {
  techLeadGroups: string[];
  evaluation: {
    shards: number;
    schedule?: SchedulerServiceTaskScheduleDefinition;
  };
  templates: { schedule: SchedulerServiceTaskScheduleDefinition };
  iac: { allowedRoots: string[]; maxBytes?: number };
  notifications: {
    regressions: boolean;
    expiringWaivers: boolean;
    waiverRequests: boolean;
    /** How long before expiry the owners of a waiver are told, in seconds. */
    waiverWarningSeconds: number;
  };
}

const DEFAULT_TEMPLATE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 20 },
};

function schedule(config: Config, key: string) {
  const c = config.getOptionalConfig(key);
  return c
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(c)
    : undefined;
}

/** Reads the plugin's settings; a value that cannot work is an error naming its key. */
export function readComplianceConfig(config: Config): ComplianceConfig {
  const shards = config.getOptionalNumber('compliance.evaluation.shards') ?? 1;
  if (!Number.isInteger(shards) || shards < 1)
    throw new InputError(
      `compliance.evaluation.shards must be a whole number of at least 1, got ${shards}`,
    );
  const warningText =
    config.getOptionalString('compliance.notifications.waiverWarning') ?? '7d';
  const waiverWarningSeconds = parseDuration(warningText);
  if (waiverWarningSeconds === undefined)
    throw new InputError(
      `compliance.notifications.waiverWarning must be a duration such as 7d or 36h, got "${warningText}"`,
    );
  return {
    techLeadGroups: readTechLeadGroups(config),
    evaluation: {
      shards,
      schedule: schedule(config, 'compliance.evaluation.schedule'),
    },
    templates: {
      schedule:
        schedule(config, 'compliance.templates.schedule') ??
        DEFAULT_TEMPLATE_SCHEDULE,
    },
    iac: {
      allowedRoots:
        config.getOptionalStringArray('compliance.iac.allowedRoots') ?? [],
      maxBytes: config.getOptionalNumber('compliance.iac.maxBytes'),
    },
    notifications: {
      regressions:
        config.getOptionalBoolean('compliance.notifications.regressions') ??
        true,
      expiringWaivers:
        config.getOptionalBoolean('compliance.notifications.expiringWaivers') ??
        true,
      waiverRequests:
        config.getOptionalBoolean('compliance.notifications.waiverRequests') ??
        true,
      waiverWarningSeconds: waiverWarningSeconds ?? 7 * DAY,
    },
  };
}
