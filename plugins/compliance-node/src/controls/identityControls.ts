import {
  getPath,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import {
  asList,
  isSecretReference,
  ofType,
  parameterOf,
  refersTo,
} from './cfnHelpers';
import { DAY } from '@refarch/backstage-plugin-compliance-common';
import {
  Maybe,
  allOf,
  anyOf,
  at,
  cfnBool,
  cfnNumber,
  declaredCheck,
  fail,
  ifApplies,
  isFalse,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

const DB_SECRET = /(db|rds|database|postgres|mysql|aurora)/i;

function rotationDays(schedule: Record<string, unknown>): number | undefined {
  const days = cfnNumber(
    getPath(schedule, 'RotationRules.AutomaticallyAfterDays'),
  );
  if (typeof days === 'number') return days;
  const expr = String(
    getPath(schedule, 'RotationRules.ScheduleExpression') ?? '',
  );
  const rate = /^rate\((\d+)\s+days?\)$/.exec(expr);
  return rate ? Number(rate[1]) : undefined;
}

/** What the rotation rules of a schedule say, for an interval that cannot be read from them. */
function rotationRulesText(schedule: Record<string, unknown>): string {
  const parts = ['AutomaticallyAfterDays', 'ScheduleExpression'].map(key => {
    const v = getPath(schedule, `RotationRules.${key}`);
    if (v === undefined) return `${key} not set`;
    return isUnknown(v)
      ? `RotationRules.${key} cannot be resolved: ${v.reason}`
      : `RotationRules.${key} is ${JSON.stringify(v)}, not a number of days`;
  });
  return parts.join('; ');
}

function includesWildcard(value: unknown): Maybe {
  if (isUnknown(value)) return value;
  const list = asList(value);
  return list.includes('*') || (list.find(isUnknown) ?? false);
}

/** Whether a policy document allows every action on every resource. */
function grantsEverything(doc: unknown): Maybe {
  const statements = getPath(doc, 'Statement');
  return anyOf(
    (isUnknown(statements) ? [statements] : asList(statements)).map(st => {
      if (isUnknown(st)) return st;
      const effect = getPath(st, 'Effect');
      return allOf([
        isUnknown(effect) ? effect : effect === 'Allow',
        includesWildcard(getPath(st, 'Action')),
        includesWildcard(getPath(st, 'Resource')),
      ]);
    }),
  );
}

/** SEC-01 for a database's master password. */
function masterPasswordRotation(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome[] {
  const manage = cfnBool(r.properties.ManageMasterUserPassword);
  if (manage === true)
    return [
      pass(`${r.logicalId}: master password managed and rotated by RDS`, [
        at(r, 'ManageMasterUserPassword'),
      ]),
    ];
  return ifApplies(
    isUnknown(manage) ? manage : true,
    `${r.logicalId}: ManageMasterUserPassword (whether RDS manages the password)`,
    () => {
      const pw = r.properties.MasterUserPassword;
      if (pw === undefined)
        return pass(
          `${r.logicalId}: no master password in the template (snapshot restore or cluster-managed)`,
          [at(r)],
        );
      const secret =
        isSecretReference(template, pw) ||
        (typeof pw === 'string' && pw.includes('{{resolve:secretsmanager:'));
      if (secret)
        return unknown(
          `${r.logicalId}: master password comes from a secret; its rotation is checked on the secret`,
          [at(r, 'MasterUserPassword')],
        );
      // A parameter's value is not rotated; any other unresolved value may be a secret.
      if (isUnknown(pw) && !parameterOf(template, pw))
        return unknown(
          `${r.logicalId}: MasterUserPassword cannot be resolved (${pw.reason})`,
          [at(r, 'MasterUserPassword')],
        );
      return fail(
        `${r.logicalId}: master password is not managed or rotated; set ManageMasterUserPassword`,
        [at(r, 'MasterUserPassword')],
      );
    },
  );
}

/** SEC-01 for a Secrets Manager secret: rotation within 30 days for database credentials, else 90. */
function secretRotation(
  template: ResolvedTemplate,
  r: ResolvedResource,
  dbMax: number,
  otherMax: number,
): CheckOutcome {
  const schedule = ofType(
    template,
    'AWS::SecretsManager::RotationSchedule',
  ).find(s => refersTo(s.properties.SecretId, r.logicalId));
  if (!schedule) return fail(`${r.logicalId}: no rotation schedule`, [at(r)]);
  const name = r.properties.Name;
  // The text of an Unknown is its reason, not a name.
  const isDb: Maybe =
    DB_SECRET.test(r.logicalId) ||
    (isUnknown(name) ? name : DB_SECRET.test(String(name ?? '')));
  const days = rotationDays(schedule.properties);
  if (days === undefined)
    return unknown(
      `${
        schedule.logicalId
      }: rotation interval cannot be resolved (${rotationRulesText(
        schedule.properties,
      )})`,
      [at(schedule, 'RotationRules')],
    );
  const where = [at(schedule, 'RotationRules')];
  if (isUnknown(isDb)) {
    if (days <= dbMax)
      return pass(
        `${r.logicalId}: rotates every ${days} days (≤ ${dbMax}, enough even for database credentials)`,
        where,
      );
    if (days > otherMax)
      return fail(
        `${r.logicalId}: rotates every ${days} days; even secrets other than database credentials need ≤ ${otherMax}`,
        where,
      );
    return unknown(
      `${r.logicalId}: rotates every ${days} days, enough unless it holds database credentials (≤ ${dbMax}), and its Name cannot be resolved (${isDb.reason}) to tell`,
      [at(r, 'Name')],
    );
  }
  const max = isDb ? dbMax : otherMax;
  return days <= max
    ? pass(`${r.logicalId}: rotates every ${days} days (≤ ${max})`, where)
    : fail(
        `${r.logicalId}: rotates every ${days} days; ${
          isDb ? 'database credentials' : 'secrets'
        } need ≤ ${max}`,
        where,
      );
}

/** @internal */
export const identityControls: ControlImplementation[] = [
  {
    id: 'SEC-01',
    cfn: ({ resources, template, params }) =>
      resources
        .filter(
          r =>
            r.type === 'AWS::SecretsManager::Secret' ||
            r.properties.DBClusterIdentifier === undefined,
        )
        .flatMap(r =>
          r.type === 'AWS::SecretsManager::Secret'
            ? [
                secretRotation(
                  template,
                  r,
                  Number(params.maxDbRotationDays),
                  Number(params.maxRotationDays),
                ),
              ]
            : masterPasswordRotation(template, r),
        ),
    declared: ({ facts, params, entity }) => {
      const isDb =
        entity.componentClass === 'database' || DB_SECRET.test(entity.name);
      const max = Number(
        isDb ? params.maxDbRotationDays : params.maxRotationDays,
      );
      return declaredCheck(facts, [
        { id: 'secret-rotation', expect: isTrue, requirement: 'true' },
        {
          id: 'secret-rotation-period',
          expect: v => typeof v === 'number' && v <= max * DAY,
          requirement: `≤ ${max}d`,
          optional: true,
        },
      ]);
    },
  },
  {
    id: 'SEC-02',
    cfn: ({ resources, template }) => {
      const noEcho = new Set(template.noEchoParameters);
      const badParams = Object.keys(template.parameters).filter(
        p => /password|secret|token/i.test(p) && !noEcho.has(p),
      );
      const out = resources.map(r => {
        const pw = r.properties.MasterUserPassword;
        if (
          pw === undefined ||
          cfnBool(r.properties.ManageMasterUserPassword) === true
        )
          return pass(`${r.logicalId}: no plaintext master password`, [at(r)]);
        if (isSecretReference(template, pw))
          return pass(`${r.logicalId}: master password from Secrets Manager`, [
            at(r, 'MasterUserPassword'),
          ]);
        if (isUnknown(pw)) {
          // A parameter's value is never in the template; NoEcho keeps it out of the console and API too.
          const param = parameterOf(template, pw);
          if (param && noEcho.has(param))
            return pass(
              `${r.logicalId}: password supplied through a NoEcho parameter (${param})`,
              [at(r, 'MasterUserPassword')],
            );
          if (param)
            return fail(
              `${r.logicalId}: MasterUserPassword comes from parameter ${param}, which is not NoEcho`,
              [at(r, 'MasterUserPassword'), { path: `Parameters.${param}` }],
            );
          return unknown(
            `${r.logicalId}: MasterUserPassword cannot be resolved (${pw.reason})`,
            [at(r, 'MasterUserPassword')],
          );
        }
        return fail(
          `${r.logicalId}: MasterUserPassword is a literal or a parameter value in the template`,
          [at(r, 'MasterUserPassword')],
        );
      });
      if (badParams.length)
        out.push(
          fail(
            `Parameter(s) ${badParams.join(', ')} hold secrets without NoEcho`,
            badParams.map(p => ({ path: `Parameters.${p}` })),
          ),
        );
      return out;
    },
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'plaintext-password', expect: isFalse, requirement: 'false' },
      ]),
  },
  {
    id: 'IAM-01',
    cfn: ({ resources }) => [
      // An access key whose Condition cannot be decided is unknown (see evaluateEntity); the tasks still count.
      ...resources
        .filter(r => r.type === 'AWS::IAM::AccessKey')
        .map(k =>
          fail(`${k.logicalId}: creates a long-lived access key`, [at(k)]),
        ),
      ...resources
        .filter(r => r.type === 'AWS::ECS::TaskDefinition')
        .map(t => {
          const role = t.properties.TaskRoleArn;
          if (isUnknown(role))
            return unknown(
              `${t.logicalId}: TaskRoleArn cannot be resolved (${role.reason})`,
              [at(t, 'TaskRoleArn')],
            );
          return role
            ? pass(`${t.logicalId}: uses a task role, no stored keys`, [
                at(t, 'TaskRoleArn'),
              ])
            : fail(
                `${t.logicalId}: no TaskRoleArn — the workload would need stored credentials to call AWS`,
                [at(t, 'TaskRoleArn')],
              );
        }),
    ],
    declared: ({ facts, entity }) =>
      declaredCheck(facts, [
        { id: 'long-lived-credentials', expect: isFalse, requirement: 'false' },
        ...(entity.componentClass === 'pipeline'
          ? [{ id: 'ci-oidc' as const, expect: isTrue, requirement: 'true' }]
          : []),
      ]),
  },
  {
    id: 'IAM-02',
    cfn: ({ resources }) =>
      resources.map(r => {
        const docs =
          r.type === 'AWS::IAM::Role'
            ? asList(r.properties.Policies).map(p =>
                getPath(p, 'PolicyDocument'),
              )
            : [r.properties.PolicyDocument];
        const arns = r.properties.ManagedPolicyArns;
        const managed = isUnknown(arns)
          ? arns
          : anyOf(
              asList(arns).map(a =>
                isUnknown(a)
                  ? a
                  : String(a).endsWith(':policy/AdministratorAccess'),
              ),
            );
        const admin = anyOf([managed, ...docs.map(grantsEverything)]);
        if (admin === true)
          return fail(`${r.logicalId}: grants Action "*" on Resource "*"`, [
            at(r),
          ]);
        if (isUnknown(admin))
          return unknown(
            `${r.logicalId}: whether it grants Action "*" on Resource "*" cannot be resolved (${admin.reason})`,
            [at(r)],
          );
        return pass(`${r.logicalId}: no wildcard administrator grant`, [at(r)]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'least-privilege', expect: isTrue, requirement: 'true' },
      ]),
  },
];
