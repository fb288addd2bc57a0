import { NO_VALUE } from './noValue';
import { Unknown } from './Unknown';

/**
 * What is known of the deployment: the values of `AWS::Region` and the like.
 *
 * @internal
 */
export interface PseudoParameters {
  region?: string;
  accountId?: string;
  stackName?: string | Unknown;
  partition?: string;
}

function partitionOf(region: string | undefined): string | undefined {
  if (region === undefined) {
    return undefined;
  }
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  if (region.startsWith('us-gov-')) {
    return 'aws-us-gov';
  }
  return /^(af|ap|ca|eu|il|me|mx|sa|us)-[a-z]+-\d+$/.test(region)
    ? 'aws'
    : undefined;
}

/**
 * The value of a pseudo parameter (`AWS::Region`…), {@link NO_VALUE} for
 * `AWS::NoValue`, or an {@link Unknown} when it is only known once deployed.
 *
 * @internal
 */
export function pseudoParameter(
  name: string,
  pseudo: PseudoParameters,
): unknown {
  const { region, accountId, stackName, partition } = pseudo;
  const knownPartition = partition ?? partitionOf(region);
  switch (name) {
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::Region':
      return region ?? new Unknown('the region (AWS::Region) is not known');
    case 'AWS::AccountId':
      return (
        accountId ?? new Unknown('the account (AWS::AccountId) is not known')
      );
    case 'AWS::StackName':
      return (
        stackName ?? new Unknown('the stack name (AWS::StackName) is not known')
      );
    case 'AWS::Partition':
      return (
        knownPartition ??
        new Unknown('the partition (AWS::Partition) is not known')
      );
    case 'AWS::URLSuffix':
      return knownPartition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::StackId':
      return new Unknown(
        'the stack ID (AWS::StackId) is known only once deployed',
      );
    case 'AWS::NotificationARNs':
      return new Unknown(
        'the notification ARNs (AWS::NotificationARNs) are set when deployed',
      );
    default:
      return new Unknown(`${name} is not a known pseudo parameter`);
  }
}
