import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseDuration } from '@refarch/backstage-plugin-compliance-common';
import { Knex } from 'knex';
import { RetryOptions } from './CallBudget';
import {
  CloudFormationClientFactory,
  CloudFormationClients,
} from './CloudFormationClients';
import { DriftDetectionJob, DriftLimits } from './DriftDetectionJob';
import { FAKE_ACCOUNT, createFakeCloudFormation } from './FakeCloudFormation';
import { LiveInputs } from './LiveInputs';
import { LiveStackReader } from './LiveStackReader';
import { LiveLimits, LiveStackRefresher } from './LiveStackRefresher';
import { LiveStackStore } from './LiveStackStore';
import { DeployedStacks } from './DeployedStacks';

/** Everything the live stack reading needs, read from `compliance.live`. @internal */
export interface LiveSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  limits: LiveLimits;
  stuckAfterMs: number;
  drift: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    limits: DriftLimits;
  };
  fakeClient: boolean;
}

const schedule = (
  config: Config | undefined,
  fallback: SchedulerServiceTaskScheduleDefinition,
) =>
  config
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config)
    : fallback;

/** @internal */
export function readLiveSettings(config: Config): LiveSettings {
  const live = config.getOptionalConfig('compliance.live');
  const num = (key: string, fallback: number) =>
    live?.getOptionalNumber(key) ?? fallback;
  const retry: RetryOptions = {
    maxRetries: num('retry.maxRetries', 3),
    baseDelayMs: num('retry.baseDelayMs', 200),
    maxDelayMs: num('retry.maxDelayMs', 5000),
  };
  return {
    schedule: schedule(live?.getOptionalConfig('schedule'), {
      frequency: { minutes: 10 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 30 },
    }),
    limits: {
      maxCallsPerPass: num('maxCallsPerPass', 600),
      maxRetriesPerPass: num('maxRetriesPerPass', 50),
      concurrency: num('concurrency', 4),
      retry,
    },
    stuckAfterMs:
      (parseDuration(live?.getOptionalString('stuckAfter') ?? '1h') ?? 3600) *
      1000,
    drift: {
      schedule: schedule(live?.getOptionalConfig('drift.schedule'), {
        frequency: { minutes: 30 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 2 },
      }),
      limits: {
        stacksPerPass: num('drift.stacksPerPass', 10),
        maxCallsPerPass: num('drift.maxCallsPerPass', 300),
        maxRetriesPerPass: num('maxRetriesPerPass', 50),
        pollIntervalMs: num('drift.pollIntervalMs', 5000),
        maxPolls: num('drift.maxPolls', 24),
        maxPages: num('drift.maxPages', 20),
        retry,
      },
    },
    fakeClient: live?.getOptionalBoolean('testing.fakeClient') ?? false,
  };
}

/** The fake answers only its own account; any other is "not configured". */
const fakeCredentials: AwsCredentialsManager = {
  async getCredentialProvider(opts) {
    if (opts?.arn && !opts.arn.includes(`:${FAKE_ACCOUNT}:`))
      throw new Error(
        'There is no AWS integration that matches this account. Please add a configuration for this AWS account.',
      );
    return {
      accountId: FAKE_ACCOUNT,
      sdkCredentialProvider: async () => ({
        accessKeyId: 'fake',
        secretAccessKey: 'fake',
      }),
    };
  },
};

/**
 * Wires live stack reading when `compliance.live.enabled` is true: the store, the read
 * pass and the drift job on their own schedules, the evaluation inputs and the API route.
 *
 * @internal
 */
export async function setupLive(options: {
  config: Config;
  logger: LoggerService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  knex: Knex;
  /** Tests hand in a mocked client; otherwise the AWS SDK's. */
  clientFactory?: CloudFormationClientFactory;
  credentialsManager?: AwsCredentialsManager;
}): Promise<
  | {
      inputs: LiveInputs;
      deployed: DeployedStacks;
      refresher: LiveStackRefresher;
      drift: DriftDetectionJob;
    }
  | undefined
> {
  const { config, logger } = options;
  if (!config.getOptionalBoolean('compliance.live.enabled')) return undefined;
  const settings = readLiveSettings(config);
  if (settings.fakeClient && process.env.NODE_ENV === 'production')
    throw new Error(
      'compliance.live.testing.fakeClient is a test switch and is refused in production (NODE_ENV=production): remove it from the configuration',
    );
  if (settings.fakeClient)
    logger.warn(
      'compliance.live.testing.fakeClient is set: deployed stacks are answered by a fake, not AWS',
    );
  const clients = new CloudFormationClients({
    credentialsManager:
      options.credentialsManager ??
      (settings.fakeClient
        ? fakeCredentials
        : DefaultAwsCredentialsManager.fromConfig(config)),
    clientFactory:
      options.clientFactory ??
      (settings.fakeClient ? createFakeCloudFormation : undefined),
  });
  const store = LiveStackStore.create({ knex: options.knex });
  const refresher = new LiveStackRefresher({
    catalog: options.catalog,
    auth: options.auth,
    logger,
    store,
    reader: new LiveStackReader({ clients }),
    limits: settings.limits,
  });
  const drift = new DriftDetectionJob({
    logger,
    store,
    clients,
    limits: settings.drift.limits,
  });
  await refresher.start(options.scheduler, settings.schedule);
  await drift.start(options.scheduler, settings.drift.schedule);
  return {
    inputs: new LiveInputs({
      store,
      logger,
      stuckAfterMs: settings.stuckAfterMs,
    }),
    deployed: new DeployedStacks({
      catalog: options.catalog,
      store,
      stuckAfterMs: settings.stuckAfterMs,
    }),
    refresher,
    drift,
  };
}
