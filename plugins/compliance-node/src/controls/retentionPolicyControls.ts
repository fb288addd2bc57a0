import { ResolvedResource, ResolvedTemplate } from '../cloudformation';
import { unresolvedPolicy } from './cfnHelpers';
import { fail, pass, unknown } from './outcomes';
import { CLUSTER_MEMBER_TYPES, SNAPSHOT_TYPES } from './statefulResources';
import { CheckOutcome, ControlImplementation } from './types';

type Attribute = 'DeletionPolicy' | 'UpdateReplacePolicy';

/**
 * Whether DR-02 judges this resource's DeletionPolicy (a database's final snapshot):
 * DR-10 then leaves it to DR-02, so one missing attribute is not failed twice.
 */
const judgedByDr02 = (r: ResolvedResource) =>
  r.type === 'AWS::RDS::DBCluster' || r.type === 'AWS::RDS::DBInstance';

interface Verdict {
  attribute: Attribute;
  status: 'ok' | 'missing' | 'bad' | 'unknown';
  text: string;
}

/**
 * One attribute. Both default to Delete when not given
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html);
 * the Snapshot default of RDS clusters and standalone instances is DR-02's.
 */
function judge(
  template: ResolvedTemplate,
  r: ResolvedResource,
  attribute: Attribute,
): Verdict {
  const value =
    attribute === 'DeletionPolicy' ? r.deletionPolicy : r.updateReplacePolicy;
  if (value === undefined) {
    const unresolved = unresolvedPolicy(template, r, attribute);
    if (unresolved) return { attribute, status: 'unknown', text: unresolved };
    return { attribute, status: 'missing', text: `no ${attribute}` };
  }
  const keeps =
    value === 'Retain' ||
    (value === 'RetainExceptOnCreate' && attribute === 'DeletionPolicy');
  if (keeps) return { attribute, status: 'ok', text: `${attribute} ${value}` };
  if (value === 'Snapshot')
    return SNAPSHOT_TYPES.has(r.type)
      ? { attribute, status: 'ok', text: `${attribute} Snapshot` }
      : {
          attribute,
          status: 'bad',
          text: `${attribute} Snapshot, which ${r.type} does not support (Retain keeps it)`,
        };
  return {
    attribute,
    status: 'bad',
    text: `${attribute} ${value}${
      value === 'Delete' ? ' loses the data' : ' is not a valid policy'
    }`,
  };
}

function retention(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const attributes: Attribute[] = judgedByDr02(r)
    ? ['UpdateReplacePolicy']
    : ['DeletionPolicy', 'UpdateReplacePolicy'];
  const verdicts = attributes.map(a => judge(template, r, a));
  const where = (list: Verdict[]) =>
    list.map(v => ({
      logicalId: r.logicalId,
      type: r.type,
      path: v.attribute,
    }));
  const missing = verdicts.filter(v => v.status === 'missing');
  const bad = verdicts.filter(v => v.status === 'bad');
  const undecided = verdicts.filter(v => v.status === 'unknown');
  const fix = SNAPSHOT_TYPES.has(r.type) ? 'Snapshot or Retain' : 'Retain';
  if (missing.length || bad.length) {
    const when = missing.map(v =>
      v.attribute === 'DeletionPolicy'
        ? 'with the stack'
        : 'when an update replaces the resource',
    );
    const defaults = missing.length
      ? [
          `${missing
            .map(v => v.text)
            .join(' and ')} (the default, Delete, deletes the data ${when.join(
            ' or ',
          )})`,
        ]
      : [];
    return fail(
      `${r.logicalId}: ${[
        ...defaults,
        ...bad.map(v => v.text),
        ...undecided.map(v => v.text),
      ].join('; ')} — set ${fix}`,
      where([...missing, ...bad]),
    );
  }
  if (undecided.length)
    return unknown(
      `${r.logicalId}: ${undecided.map(v => v.text).join('; ')}`,
      where(undecided),
    );
  return pass(
    `${r.logicalId}: ${verdicts.map(v => v.text).join(', ')}${
      judgedByDr02(r) ? ' (DeletionPolicy: see DR-02)' : ''
    }`,
    where(verdicts),
  );
}

/**
 * DR-10: every stateful resource keeps its data when the stack is deleted or an update
 * replaces it. Database instances of a cluster hold no data of their own and are skipped.
 *
 * @internal
 */
export const retentionPolicyControls: ControlImplementation[] = [
  {
    id: 'DR-10',
    cfn: ({ resources, template }) =>
      resources
        .filter(
          r =>
            !(
              CLUSTER_MEMBER_TYPES.has(r.type) &&
              r.properties.DBClusterIdentifier !== undefined
            ),
        )
        .map(r => retention(template, r)),
  },
];
