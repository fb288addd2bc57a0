import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList, isSecretReference, ofType } from './cfnHelpers';
import { at, cfnBool, declaredCheck, fail, isFalse, isTrue, pass, unknown } from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

type Container = Record<string, unknown>;

const containers = (r: ResolvedResource) => asList(r.properties.ContainerDefinitions) as Container[];
const nameOf = (c: Container) => String(c?.Name ?? '(unnamed)');

/** Applies a per-container predicate and reports the containers that fail it. */
function perContainer(
  r: ResolvedResource,
  path: string,
  value: (c: Container) => unknown,
  ok: (v: unknown) => boolean,
  what: { ok: string; bad: string },
): CheckOutcome {
  const list = containers(r);
  if (list.some(c => isUnknown(value(c)))) return unknown(`${r.logicalId}: ${path} cannot be resolved`, [at(r, 'ContainerDefinitions')]);
  const bad = list.filter(c => !ok(value(c))).map(nameOf);
  return bad.length
    ? fail(`${r.logicalId}: ${what.bad} (${bad.join(', ')})`, [at(r, `ContainerDefinitions.${path}`)])
    : pass(`${r.logicalId}: ${what.ok}`, [at(r, `ContainerDefinitions.${path}`)]);
}

const ROOT_USERS = new Set(['root', '0', '0:0', 'root:root']);

/** @internal */
export const hardeningControls: ControlImplementation[] = [
  {
    id: 'HRD-01',
    cfn: ({ resources }) =>
      resources.map(r => perContainer(r, 'ReadonlyRootFilesystem', c => cfnBool(c.ReadonlyRootFilesystem), v => v === true,
        { ok: 'read-only root filesystem everywhere', bad: 'writable root filesystem' })),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'read-only-root-fs', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'HRD-02',
    cfn: ({ resources }) =>
      resources.map(r => perContainer(r, 'User', c => c.User, v => typeof v === 'string' && v !== '' && !ROOT_USERS.has(v.trim()),
        { ok: 'every container runs as a non-root user', bad: 'no User set or root' })),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'non-root-user', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'HRD-03',
    cfn: ({ resources }) =>
      resources.flatMap(r => {
        const privileged = perContainer(r, 'Privileged', c => cfnBool(c.Privileged), v => v !== true,
          { ok: 'no privileged container', bad: 'privileged' });
        const caps = perContainer(r, 'LinuxParameters.Capabilities.Add', c => getPath(c, 'LinuxParameters.Capabilities.Add'), v => asList(v).length === 0,
          { ok: 'no added capabilities', bad: 'adds Linux capabilities' });
        const taskLimits = r.properties.Cpu !== undefined && r.properties.Memory !== undefined;
        const limits = taskLimits
          ? pass(`${r.logicalId}: task CPU and memory limits set`, [at(r, 'Memory')])
          : perContainer(r, 'Memory', c => c.Memory ?? c.MemoryReservation, v => v !== undefined, { ok: 'container memory limits', bad: 'no memory limit' });
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
      return resources.map(r => {
        const leaks: string[] = [];
        for (const c of containers(r)) {
          for (const env of asList(c?.Environment) as Array<Record<string, unknown>>) {
            const name = String(env?.Name ?? '');
            if (pattern.test(name) && !isSecretReference(template, env?.Value)) leaks.push(`${nameOf(c)}.${name}`);
          }
        }
        return leaks.length
          ? fail(`${r.logicalId}: secret-looking environment values ${leaks.join(', ')}; use Secrets (valueFrom)`, [at(r, 'ContainerDefinitions.Environment')])
          : pass(`${r.logicalId}: secrets come from Secrets Manager (valueFrom)`, [at(r, 'ContainerDefinitions.Secrets')]);
      });
    },
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'secrets-from-store', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'HRD-05',
    cfn: ({ resources }) =>
      resources.map(r => {
        const problems: string[] = [];
        const scan = cfnBool(getPath(r.properties, 'ImageScanningConfiguration.ScanOnPush'));
        if (isUnknown(scan)) return unknown(`${r.logicalId}: ScanOnPush cannot be resolved`, [at(r, 'ImageScanningConfiguration')]);
        if (scan !== true) problems.push('scan on push is off');
        if (r.properties.ImageTagMutability !== 'IMMUTABLE') problems.push('tags are mutable');
        if (!r.properties.LifecyclePolicy) problems.push('no lifecycle policy');
        return problems.length ? fail(`${r.logicalId}: ${problems.join(', ')}`, [at(r)]) : pass(`${r.logicalId}: scan on push, immutable tags, lifecycle policy`, [at(r)]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'image-scan-on-push', expect: isTrue, requirement: 'true' },
        { id: 'image-tags-immutable', expect: isTrue, requirement: 'true' },
        { id: 'image-lifecycle-policy', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'HRD-06',
    cfn: ({ resources, template }) => {
      const targetGroupChecks = ofType(template, 'AWS::ElasticLoadBalancingV2::TargetGroup').some(
        tg => cfnBool(tg.properties.HealthCheckEnabled) !== false && tg.properties.HealthCheckPath !== undefined,
      );
      return resources.map(r => {
        const essential = containers(r).filter(c => cfnBool(c?.Essential) !== false);
        const without = essential.filter(c => !c?.HealthCheck).map(nameOf);
        if (without.length === 0) return pass(`${r.logicalId}: container health checks defined`, [at(r, 'ContainerDefinitions.HealthCheck')]);
        return targetGroupChecks
          ? pass(`${r.logicalId}: health checked by the load balancer target group`, [at(r)])
          : fail(`${r.logicalId}: no health check for ${without.join(', ')}`, [at(r, 'ContainerDefinitions.HealthCheck')]);
      });
    },
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'health-check', expect: isTrue, requirement: 'true' }]),
  },
];
