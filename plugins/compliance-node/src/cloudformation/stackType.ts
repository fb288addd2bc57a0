/** The resource type of a nested stack. @internal */
export const STACK_TYPE = 'AWS::CloudFormation::Stack';
