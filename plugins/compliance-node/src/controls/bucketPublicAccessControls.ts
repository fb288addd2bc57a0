/*
 * NET-06: buckets block public access (all four settings) and disable ACLs.
 */
import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList } from './cfnHelpers';
import {
  at,
  cfnBool,
  declaredCheck,
  fail,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

const BLOCK_SETTINGS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
];

/**
 * NET-06 for one bucket. Since April 2023 S3 creates buckets with all four block public
 * access settings on and ObjectOwnership BucketOwnerEnforced (ACLs disabled), so an absent
 * PublicAccessBlockConfiguration or OwnershipControls means those defaults
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
 * A configuration that is present but omits a setting turns that setting off
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-publicaccessblockconfiguration.html).
 */
function publicAccess(r: ResolvedResource): CheckOutcome {
  const config = r.properties.PublicAccessBlockConfiguration;
  const blockAt = at(r, 'PublicAccessBlockConfiguration');
  const said: string[] = [];
  const problems: string[] = [];
  const unresolved: string[] = [];
  if (config === undefined) {
    said.push(
      'PublicAccessBlockConfiguration not set: S3 turns all four settings on for new buckets (default since April 2023)',
    );
  } else if (isUnknown(config)) {
    unresolved.push(`PublicAccessBlockConfiguration (${config.reason})`);
  } else {
    const off: string[] = [];
    for (const key of BLOCK_SETTINGS) {
      const v = cfnBool(getPath(config, key));
      if (isUnknown(v))
        unresolved.push(`PublicAccessBlockConfiguration.${key} (${v.reason})`);
      else if (v !== true) off.push(key);
    }
    if (off.length)
      problems.push(
        `public access block turns off ${off.join(
          ', ',
        )} (a setting left out of PublicAccessBlockConfiguration is false)`,
      );
    else if (!unresolved.length) said.push('public access blocked');
  }
  const ownershipAt = at(r, 'OwnershipControls');
  const controls = r.properties.OwnershipControls;
  const rules = isUnknown(controls) ? controls : getPath(controls, 'Rules');
  if (
    controls === undefined ||
    (rules !== undefined && !isUnknown(rules) && asList(rules).length === 0)
  ) {
    said.push(
      'OwnershipControls not set: ObjectOwnership is BucketOwnerEnforced, ACLs disabled (default since April 2023)',
    );
  } else if (isUnknown(rules)) {
    unresolved.push(`OwnershipControls (${rules.reason})`);
  } else {
    const ownership = asList(rules).map(x => getPath(x, 'ObjectOwnership'));
    const undecided = ownership.find(isUnknown);
    const other = ownership.find(
      o => !isUnknown(o) && o !== 'BucketOwnerEnforced',
    );
    if (undecided)
      unresolved.push(
        `OwnershipControls.Rules[].ObjectOwnership (${undecided.reason})`,
      );
    else if (other !== undefined)
      problems.push(`ACLs are enabled (ObjectOwnership ${String(other)})`);
    else said.push('ACLs disabled');
  }
  const where = [
    ...(problems.some(p => p.startsWith('public')) ||
    unresolved.some(u => u.startsWith('PublicAccess'))
      ? [blockAt]
      : []),
    ...(problems.some(p => p.startsWith('ACLs')) ||
    unresolved.some(u => u.startsWith('Ownership'))
      ? [ownershipAt]
      : []),
  ];
  if (problems.length)
    return fail(
      `${r.logicalId}: ${[
        ...problems,
        ...unresolved.map(u => `${u.split(' (')[0]} cannot be resolved`),
      ].join('; ')}`,
      where,
    );
  if (unresolved.length)
    return unknown(
      `${r.logicalId}: ${unresolved
        .map(u => u.replace(' (', ' cannot be resolved ('))
        .join('; ')}`,
      where,
    );
  return pass(`${r.logicalId}: ${said.join('; ')}`, [
    config === undefined ? at(r) : blockAt,
  ]);
}

/** @internal */
export const bucketPublicAccessControls: ControlImplementation[] = [
  {
    id: 'NET-06',
    cfn: ({ resources }) => resources.map(publicAccess),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'public-access-blocked', expect: isTrue, requirement: 'true' },
      ]),
  },
];
