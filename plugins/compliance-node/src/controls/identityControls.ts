import { getPath, isUnknown } from '../cloudformation';
import { asList, isSecretReference, ofType, refersTo } from './cfnHelpers';
import { DAY, at, cfnBool, cfnNumber, declaredCheck, fail, isFalse, isTrue, pass, unknown } from './outcomes';
import { ControlImplementation } from './types';

const DB_SECRET = /(db|rds|database|postgres|mysql|aurora)/i;

function rotationDays(schedule: Record<string, unknown>): number | undefined {
  const days = cfnNumber(getPath(schedule, 'RotationRules.AutomaticallyAfterDays'));
  if (typeof days === 'number') return days;
  const expr = String(getPath(schedule, 'RotationRules.ScheduleExpression') ?? '');
  const rate = /^rate\((\d+)\s+days?\)$/.exec(expr);
  return rate ? Number(rate[1]) : undefined;
}

function grantsEverything(doc: unknown): boolean {
  return asList(getPath(doc, 'Statement')).some(st => {
    const s = st as Record<string, unknown>;
    return s?.Effect === 'Allow' && asList(s.Action).includes('*') && asList(s.Resource).includes('*');
  });
}

/** @internal */
export const identityControls: ControlImplementation[] = [
  {
    id: 'SEC-01',
    cfn: ({ resources, template, params }) =>
      resources
        .filter(r => r.type === 'AWS::SecretsManager::Secret' || r.properties.DBClusterIdentifier === undefined)
        .map(r => {
          if (r.type !== 'AWS::SecretsManager::Secret') {
            if (cfnBool(r.properties.ManageMasterUserPassword) === true) return pass(`${r.logicalId}: master password managed and rotated by RDS`, [at(r, 'ManageMasterUserPassword')]);
            const pw = r.properties.MasterUserPassword;
            if (pw === undefined) return pass(`${r.logicalId}: no master password in the template (snapshot restore or cluster-managed)`, [at(r)]);
            const secret = isSecretReference(template, pw) || (typeof pw === 'string' && pw.includes('{{resolve:secretsmanager:'));
            return secret
              ? unknown(`${r.logicalId}: master password comes from a secret; its rotation is checked on the secret`, [at(r, 'MasterUserPassword')])
              : fail(`${r.logicalId}: master password is not managed or rotated; set ManageMasterUserPassword`, [at(r, 'MasterUserPassword')]);
          }
          const schedule = ofType(template, 'AWS::SecretsManager::RotationSchedule').find(s => refersTo(s.properties.SecretId, r.logicalId));
          if (!schedule) return fail(`${r.logicalId}: no rotation schedule`, [at(r)]);
          const isDb = DB_SECRET.test(r.logicalId) || DB_SECRET.test(String(r.properties.Name ?? ''));
          const max = Number(isDb ? params.maxDbRotationDays : params.maxRotationDays);
          const days = rotationDays(schedule.properties);
          if (days === undefined) return unknown(`${schedule.logicalId}: rotation interval cannot be resolved`, [at(schedule, 'RotationRules')]);
          return days <= max
            ? pass(`${r.logicalId}: rotates every ${days} days (≤ ${max})`, [at(schedule, 'RotationRules')])
            : fail(`${r.logicalId}: rotates every ${days} days; ${isDb ? 'database credentials' : 'secrets'} need ≤ ${max}`, [at(schedule, 'RotationRules')]);
        }),
    declared: ({ facts, params, entity }) => {
      const isDb = entity.componentClass === 'database' || DB_SECRET.test(entity.name);
      const max = Number(isDb ? params.maxDbRotationDays : params.maxRotationDays);
      return declaredCheck(facts, [
        { id: 'secret-rotation', expect: isTrue, requirement: 'true' },
        { id: 'secret-rotation-period', expect: v => typeof v === 'number' && v <= max * DAY, requirement: `≤ ${max}d`, optional: true },
      ]);
    },
  },
  {
    id: 'SEC-02',
    cfn: ({ resources, template }) => {
      const noEcho = new Set(template.noEchoParameters);
      const badParams = Object.keys(template.parameters).filter(p => /password|secret|token/i.test(p) && !noEcho.has(p));
      const out = resources.map(r => {
        const pw = r.properties.MasterUserPassword;
        if (pw === undefined || cfnBool(r.properties.ManageMasterUserPassword) === true) return pass(`${r.logicalId}: no plaintext master password`, [at(r)]);
        if (isSecretReference(template, pw)) return pass(`${r.logicalId}: master password from Secrets Manager`, [at(r, 'MasterUserPassword')]);
        if (isUnknown(pw)) return unknown(`${r.logicalId}: MasterUserPassword cannot be resolved (${pw.reason})`, [at(r, 'MasterUserPassword')]);
        return fail(`${r.logicalId}: MasterUserPassword is a literal or a parameter value in the template`, [at(r, 'MasterUserPassword')]);
      });
      if (badParams.length) out.push(fail(`Parameter(s) ${badParams.join(', ')} hold secrets without NoEcho`, badParams.map(p => ({ path: `Parameters.${p}` }))));
      return out;
    },
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'plaintext-password', expect: isFalse, requirement: 'false' }]),
  },
  {
    id: 'IAM-01',
    cfn: ({ resources }) => {
      const keys = resources.filter(r => r.type === 'AWS::IAM::AccessKey');
      if (keys.length) return keys.map(k => fail(`${k.logicalId}: creates a long-lived access key`, [at(k)]));
      const tasks = resources.filter(r => r.type === 'AWS::ECS::TaskDefinition');
      return tasks.map(t =>
        t.properties.TaskRoleArn
          ? pass(`${t.logicalId}: uses a task role, no stored keys`, [at(t, 'TaskRoleArn')])
          : fail(`${t.logicalId}: no TaskRoleArn — the workload would need stored credentials to call AWS`, [at(t, 'TaskRoleArn')]),
      );
    },
    declared: ({ facts, entity }) =>
      declaredCheck(facts, [
        { id: 'long-lived-credentials', expect: isFalse, requirement: 'false' },
        ...(entity.componentClass === 'pipeline' ? [{ id: 'ci-oidc' as const, expect: isTrue, requirement: 'true' }] : []),
      ]),
  },
  {
    id: 'IAM-02',
    cfn: ({ resources }) =>
      resources.map(r => {
        const docs =
          r.type === 'AWS::IAM::Role'
            ? asList(r.properties.Policies).map(p => getPath(p, 'PolicyDocument'))
            : [r.properties.PolicyDocument];
        const admin = asList(r.properties.ManagedPolicyArns).some(a => String(a).endsWith(':policy/AdministratorAccess'));
        if (admin || docs.some(grantsEverything)) return fail(`${r.logicalId}: grants Action "*" on Resource "*"`, [at(r)]);
        return pass(`${r.logicalId}: no wildcard administrator grant`, [at(r)]);
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'least-privilege', expect: isTrue, requirement: 'true' }]),
  },
];
