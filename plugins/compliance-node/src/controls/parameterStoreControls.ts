import { isUnknown } from '../cloudformation';
import { at, declaredCheck, fail, isTrue, pass, unknown } from './outcomes';
import { ControlImplementation } from './types';

/** Names that say a parameter holds a secret. */
const SECRET_NAME =
  /(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential)/i;

const TIERS = new Set(['Standard', 'Advanced', 'Intelligent-Tiering']);

/**
 * SEC-03: SSM Parameter Store. Secrets only as SecureString with a customer-managed key
 * (CloudFormation cannot create a SecureString, so a secret in an `AWS::SSM::Parameter` is
 * plain text); access least privilege; the tier is reported. [002] keeps only non-secret
 * configuration there; [003] has a dedicated Parameter Store KMS key.
 *
 * @internal
 */
export const parameterStoreControls: ControlImplementation[] = [
  {
    id: 'SEC-03',
    cfn: ({ resources }) =>
      resources.map(r => {
        const name = r.properties.Name;
        const type = r.properties.Type;
        const tier = r.properties.Tier;
        const tierNote =
          typeof tier === 'string' && TIERS.has(tier) ? ` (tier ${tier})` : '';
        const label = `${r.logicalId}${
          typeof name === 'string' ? ` (${name})` : ''
        }`;
        if (isUnknown(type))
          return unknown(`${label}: Type cannot be resolved (${type.reason})`, [
            at(r, 'Type'),
          ]);
        if (
          SECRET_NAME.test(r.logicalId) ||
          (typeof name === 'string' && SECRET_NAME.test(name))
        )
          return fail(
            `${label}: looks like a secret in a ${String(
              type ?? 'String',
            )} parameter, stored in plain text (CloudFormation cannot create SecureString parameters): keep it in Secrets Manager or as a SecureString with a customer-managed key${tierNote}`,
            [at(r, 'Name')],
          );
        if (isUnknown(name))
          return unknown(
            `${r.logicalId}: Name cannot be resolved (${name.reason}), so whether it holds a secret is not known`,
            [at(r, 'Name')],
          );
        return pass(
          `${label}: non-secret ${String(
            type ?? 'String',
          )} parameter${tierNote}`,
          [at(r)],
        );
      }),
    declared: ({ facts }) => {
      const holds = facts.get('parameter-holds-secrets');
      if (holds && holds.unverified === undefined && holds.value === false) {
        // Plain configuration needs no SecureString; who may read and write it still matters.
        const access = declaredCheck(facts, [
          { id: 'least-privilege', expect: isTrue, requirement: 'true' },
        ]);
        return {
          ...access,
          message: `Holds only non-secret configuration (SecureString not required); ${access.message}`,
          facts: [holds, ...(access.facts ?? [])],
        };
      }
      return declaredCheck(facts, [
        {
          id: 'parameter-secure-string',
          expect: isTrue,
          requirement: 'true (sensitive values as SecureString)',
        },
        {
          id: 'encryption-key',
          expect: v => v === 'cmk',
          requirement: 'cmk (not the AWS-managed aws/ssm key)',
        },
        { id: 'least-privilege', expect: isTrue, requirement: 'true' },
        {
          id: 'parameter-tier',
          expect: () => true,
          requirement: 'any',
          optional: true,
        },
      ]);
    },
  },
];
