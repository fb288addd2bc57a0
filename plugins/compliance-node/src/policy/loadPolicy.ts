import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  Cloud,
  ControlDefinition,
  Policy,
  Profile,
  SEVERITIES,
  Severity,
  TIERS,
  parseDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { defaultPolicy } from './defaultPolicy';

function durationSeconds(config: Config, key: string): number | undefined {
  const raw = config.getOptional(key);
  if (raw === undefined) return undefined;
  const seconds = typeof raw === 'number' ? raw : parseDuration(String(raw));
  if (seconds === undefined)
    throw new InputError(
      `compliance.policy: ${key} must be a duration such as 15m or 4h, got "${String(
        raw,
      )}"`,
    );
  return seconds;
}

function overrideControl(
  control: ControlDefinition,
  config: Config,
): ControlDefinition {
  const severity = config.getOptionalString('severity');
  if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) {
    throw new InputError(
      `compliance.policy.controls.${
        control.id
      }.severity must be one of ${SEVERITIES.join(', ')}`,
    );
  }
  const params = { ...control.params };
  const paramConfig = config.getOptionalConfig('params');
  for (const key of paramConfig?.keys() ?? []) {
    if (!(key in params)) {
      throw new InputError(
        `compliance.policy.controls.${
          control.id
        }.params.${key} is not a parameter of ${control.id}; known: ${
          Object.keys(params).join(', ') || 'none'
        }`,
      );
    }
    const value = paramConfig!.get(key);
    if (
      typeof value !== typeof params[key] ||
      Array.isArray(value) !== Array.isArray(params[key])
    ) {
      throw new InputError(
        `compliance.policy.controls.${control.id}.params.${key} must be a ${
          Array.isArray(params[key]) ? 'list' : typeof params[key]
        }`,
      );
    }
    params[key] = value as ControlDefinition['params'][string];
  }
  return {
    ...control,
    enabled: config.getOptionalBoolean('enabled') ?? control.enabled,
    severity: (severity as Severity | undefined) ?? control.severity,
    params,
  };
}

/**
 * The default policy with the overrides of `compliance.policy` applied: disable a control,
 * change its severity or thresholds, change tier targets, add profiles. Unknown control ids
 * and parameters are errors, so a typo never silently weakens the policy.
 *
 * @public
 */
export function loadPolicy(config?: Config): Policy {
  const root = config?.getOptionalConfig('compliance.policy');
  if (!root) return defaultPolicy;
  const controlsConfig = root.getOptionalConfig('controls');
  const known = new Set(defaultPolicy.controls.map(c => c.id));
  for (const id of controlsConfig?.keys() ?? []) {
    if (!known.has(id))
      throw new InputError(`compliance.policy.controls.${id}: no such control`);
  }
  const controls = defaultPolicy.controls.map(c =>
    controlsConfig?.has(c.id)
      ? overrideControl(c, controlsConfig.getConfig(c.id))
      : c,
  );
  const tiers = { ...defaultPolicy.tiers };
  for (const tier of TIERS) {
    const t = root.getOptionalConfig(`tiers.${tier}`);
    if (!t) continue;
    const base = tiers[tier];
    const disruptions = { ...base.disruptions };
    for (const d of Object.keys(disruptions) as Array<
      keyof typeof disruptions
    >) {
      disruptions[d] = {
        rpo: durationSeconds(t, `disruptions.${d}.rpo`) ?? disruptions[d].rpo,
        rto: durationSeconds(t, `disruptions.${d}.rto`) ?? disruptions[d].rto,
      };
    }
    tiers[tier] = {
      rpo: durationSeconds(t, 'rpo') ?? base.rpo,
      rto: durationSeconds(t, 'rto') ?? base.rto,
      disruptions,
    };
  }
  const extraProfiles: Profile[] = (
    root.getOptionalConfigArray('profiles') ?? []
  ).map(p => ({
    id: p.getString('id'),
    title: p.getOptionalString('title') ?? p.getString('id'),
    description: p.getOptionalString('description') ?? '',
    match: {
      kinds: p.getOptionalStringArray('match.kinds'),
      types: p.getOptionalStringArray('match.types'),
      iac: p.getOptionalBoolean('match.iac'),
      clouds: p.getOptionalStringArray('match.clouds') as Cloud[] | undefined,
    },
    controls: p.getStringArray('controls'),
  }));
  for (const p of extraProfiles) {
    const unknown = p.controls.filter(c => c !== '*' && !known.has(c));
    if (unknown.length)
      throw new InputError(
        `compliance.policy.profiles ${p.id}: unknown control(s) ${unknown.join(
          ', ',
        )}`,
      );
  }
  return {
    ...defaultPolicy,
    version: `${defaultPolicy.version}+config`,
    controls,
    tiers,
    // Configured profiles come first, so they win over the defaults when both match.
    profiles: [
      ...extraProfiles,
      ...defaultPolicy.profiles.filter(
        d => !extraProfiles.some(p => p.id === d.id),
      ),
    ],
  };
}
