import {
  getPath,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
  Unknown,
} from '../cloudformation';
import {
  asList,
  containerName,
  containers,
  isSecretArn,
  isSecretReference,
  ofType,
} from './cfnHelpers';
import {
  at,
  cfnBool,
  collect,
  declaredCheck,
  fail,
  isFalse,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

/**
 * Applies a per-container predicate and reports the containers that fail it; unknown when
 * none fails but a value cannot be resolved. `value` reads the container with getPath, so
 * a container that cannot be resolved gives an Unknown.
 */
function perContainer(
  r: ResolvedResource,
  path: string,
  value: (c: unknown) => unknown,
  ok: (v: unknown) => boolean,
  what: { ok: string; bad: string },
): CheckOutcome {
  const values = containers(r).map(c => ({
    name: containerName(c),
    value: value(c),
  }));
  const bad = values
    .filter(c => !isUnknown(c.value) && !ok(c.value))
    .map(c => c.name);
  if (bad.length)
    return fail(`${r.logicalId}: ${what.bad} (${bad.join(', ')})`, [
      at(r, `ContainerDefinitions.${path}`),
    ]);
  const undecided = values.find(c => isUnknown(c.value));
  if (undecided && isUnknown(undecided.value))
    return unknown(
      `${r.logicalId}: ${path} of ${undecided.name} cannot be resolved (${undecided.value.reason})`,
      [at(r, 'ContainerDefinitions')],
    );
  return pass(`${r.logicalId}: ${what.ok}`, [
    at(r, `ContainerDefinitions.${path}`),
  ]);
}

/** Whether a container User runs as root: user root or uid 0, whatever the group. */
function isNonRootUser(user: unknown): boolean {
  if (typeof user !== 'string' && typeof user !== 'number') return false;
  const uid = String(user).trim().split(':')[0].trim();
  return uid !== '' && uid !== 'root' && !/^0+$/.test(uid);
}

/** HRD-04 for one task definition. */
function environmentSecrets(
  template: ResolvedTemplate,
  r: ResolvedResource,
  pattern: RegExp,
): CheckOutcome {
  const leaks: string[] = [];
  const undecided: Array<{ what: string; why: Unknown }> = [];
  for (const c of containers(r)) {
    const env = getPath(c, 'Environment');
    if (isUnknown(env))
      undecided.push({
        what: `the Environment of ${containerName(c)}`,
        why: env,
      });
    for (const entry of isUnknown(env) ? [] : asList(env)) {
      const name = getPath(entry, 'Name');
      const value = getPath(entry, 'Value');
      if (isUnknown(name))
        undecided.push({
          what: `an environment variable name of ${containerName(c)}`,
          why: name,
        });
      // A Secrets Manager or SSM ARN is a reference the workload resolves, not the secret.
      else if (
        pattern.test(String(name ?? '')) &&
        !isSecretReference(template, value) &&
        !isSecretArn(value)
      )
        leaks.push(`${containerName(c)}.${String(name)}`);
    }
  }
  if (leaks.length)
    return fail(
      `${r.logicalId}: secret-looking environment values ${leaks.join(
        ', ',
      )}; use Secrets (valueFrom)`,
      [at(r, 'ContainerDefinitions.Environment')],
    );
  if (undecided.length)
    return unknown(
      `${r.logicalId}: ${undecided[0].what} cannot be resolved (${undecided[0].why.reason})`,
      [at(r, 'ContainerDefinitions.Environment')],
    );
  return pass(`${r.logicalId}: secrets come from Secrets Manager (valueFrom)`, [
    at(r, 'ContainerDefinitions.Secrets'),
  ]);
}

/** HRD-06 for one task definition. */
function healthChecks(
  r: ResolvedResource,
  targetGroups: ResolvedResource[],
): CheckOutcome {
  const checked = (tg: ResolvedResource) => {
    const enabled = cfnBool(tg.properties.HealthCheckEnabled);
    const path = tg.properties.HealthCheckPath;
    if (enabled === false || path === undefined) return false;
    return isUnknown(enabled) || isUnknown(path) || tg.included !== true
      ? 'maybe'
      : true;
  };
  const byTargetGroup = targetGroups.map(checked);
  const essentials = containers(r)
    .map(c => ({
      name: containerName(c),
      essential: cfnBool(getPath(c, 'Essential')),
      check: getPath(c, 'HealthCheck'),
    }))
    .filter(c => c.essential !== false);
  const without = essentials
    .filter(c => !c.check && !isUnknown(c.essential))
    .map(c => c.name);
  const undecided = essentials
    .filter(c => isUnknown(c.check) || (isUnknown(c.essential) && !c.check))
    .map(c => c.name);
  if (without.length === 0 && undecided.length === 0)
    return pass(`${r.logicalId}: container health checks defined`, [
      at(r, 'ContainerDefinitions.HealthCheck'),
    ]);
  if (byTargetGroup.includes(true))
    return pass(
      `${r.logicalId}: health checked by the load balancer target group`,
      [at(r)],
    );
  if (without.length && !byTargetGroup.includes('maybe'))
    return fail(`${r.logicalId}: no health check for ${without.join(', ')}`, [
      at(r, 'ContainerDefinitions.HealthCheck'),
    ]);
  const open = [...without, ...undecided];
  return unknown(
    `${r.logicalId}: whether ${open.join(', ')} ${
      open.length > 1 ? 'are' : 'is'
    } health-checked cannot be resolved (a HealthCheck, Essential flag or target group health check cannot be resolved)`,
    [at(r, 'ContainerDefinitions.HealthCheck')],
  );
}

/** @internal */
export const hardeningControls: ControlImplementation[] = [
  {
    id: 'HRD-01',
    cfn: ({ resources }) =>
      resources.map(r =>
        perContainer(
          r,
          'ReadonlyRootFilesystem',
          c => cfnBool(getPath(c, 'ReadonlyRootFilesystem')),
          v => v === true,
          {
            ok: 'read-only root filesystem everywhere',
            bad: 'writable root filesystem',
          },
        ),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'read-only-root-fs', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'HRD-02',
    cfn: ({ resources }) =>
      resources.map(r =>
        perContainer(r, 'User', c => getPath(c, 'User'), isNonRootUser, {
          ok: 'every container runs as a non-root user',
          bad: 'no User set or root',
        }),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'non-root-user', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'HRD-03',
    cfn: ({ resources }) =>
      resources.flatMap(r => {
        const privileged = perContainer(
          r,
          'Privileged',
          c => cfnBool(getPath(c, 'Privileged')),
          v => v !== true,
          { ok: 'no privileged container', bad: 'privileged' },
        );
        const caps = perContainer(
          r,
          'LinuxParameters.Capabilities.Add',
          c => getPath(c, 'LinuxParameters.Capabilities.Add'),
          v => asList(v).length === 0,
          { ok: 'no added capabilities', bad: 'adds Linux capabilities' },
        );
        const taskLimits =
          r.properties.Cpu !== undefined && r.properties.Memory !== undefined;
        const limits = taskLimits
          ? pass(`${r.logicalId}: task CPU and memory limits set`, [
              at(r, 'Memory'),
            ])
          : perContainer(
              r,
              'Memory',
              c => getPath(c, 'Memory') ?? getPath(c, 'MemoryReservation'),
              v => v !== undefined,
              { ok: 'container memory limits', bad: 'no memory limit' },
            );
        return [privileged, caps, limits];
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'runs-privileged', expect: isFalse, requirement: 'false' },
        { id: 'resource-limits', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'HRD-04',
    cfn: ({ resources, template, params }) => {
      const pattern = new RegExp(String(params.secretNamePattern), 'i');
      return resources.map(r => environmentSecrets(template, r, pattern));
    },
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'secrets-from-store', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'HRD-05',
    cfn: ({ resources }) =>
      resources.map(r =>
        collect(
          r,
          [
            {
              path: 'ScanOnPush',
              loc: 'ImageScanningConfiguration',
              value: cfnBool(
                getPath(r.properties, 'ImageScanningConfiguration.ScanOnPush'),
              ),
              ok: isTrue,
              bad: 'scan on push is off',
            },
            {
              path: 'ImageTagMutability',
              value: r.properties.ImageTagMutability,
              ok: v => v === 'IMMUTABLE',
              bad: 'tags are mutable',
            },
            {
              path: 'LifecyclePolicy',
              value: r.properties.LifecyclePolicy,
              ok: Boolean,
              bad: 'no lifecycle policy',
            },
          ],
          {
            ok: 'scan on push, immutable tags, lifecycle policy',
            failAt: '',
          },
        ),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'image-scan-on-push', expect: isTrue, requirement: 'true' },
        { id: 'image-tags-immutable', expect: isTrue, requirement: 'true' },
        { id: 'image-lifecycle-policy', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'HRD-06',
    cfn: ({ resources, template }) =>
      resources.map(r =>
        healthChecks(
          r,
          ofType(template, 'AWS::ElasticLoadBalancingV2::TargetGroup'),
        ),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'health-check', expect: isTrue, requirement: 'true' },
      ]),
  },
];
