/** @internal */
export interface StackArn {
  arn: string;
  partition: string;
  region: string;
  accountId: string;
  stackName: string;
}

const STACK_ARN =
  /^arn:(aws[a-z-]*):cloudformation:([a-z0-9-]+):(\d{12}):stack\/([A-Za-z][A-Za-z0-9-]*)\/[A-Za-z0-9-]+$/;

/** Splits a stack ARN; undefined when it is not one. @internal */
export function parseStackArn(arn: string): StackArn | undefined {
  const m = STACK_ARN.exec(arn.trim());
  if (!m) return undefined;
  return {
    arn: arn.trim(),
    partition: m[1],
    region: m[2],
    accountId: m[3],
    stackName: m[4],
  };
}

/** The stack's page in the AWS console. @internal */
export function consoleUrl(stack: StackArn): string {
  const hosts: Record<string, string> = {
    'aws-cn': 'console.amazonaws.cn',
    'aws-us-gov': 'console.amazonaws-us-gov.com',
  };
  const host = hosts[stack.partition] ?? 'console.aws.amazon.com';
  return `https://${stack.region}.${host}/cloudformation/home?region=${
    stack.region
  }#/stacks/stackinfo?stackId=${encodeURIComponent(stack.arn)}`;
}
