import { Framework } from './annotations';
import type { ComplianceAnnotations } from './readComplianceAnnotations';
import { Cloud, cloudOfRegion } from './types';

/**
 * Frameworks whose requirements exist only on AWS (the CIS AWS Foundations Benchmark). Their
 * mappings mean nothing to an entity that runs elsewhere.
 *
 * @public
 */
export const AWS_ONLY_FRAMEWORKS: readonly Framework[] = ['cis-aws'];

/**
 * A control as an entity on `cloud` should read it: on a cloud other than AWS, without the
 * AWS-only framework mappings and without the AWS equivalent (cdk-nag / AWS Config rule).
 * Where the cloud is not known, everything stays.
 *
 * @public
 */
export function controlForCloud<
  T extends {
    frameworks: Partial<Record<Framework, string[]>>;
    equivalent?: string;
  },
>(control: T, cloud: Cloud | undefined): T {
  if (cloud === undefined || cloud === 'aws') return control;
  const frameworks = Object.fromEntries(
    Object.entries(control.frameworks).filter(
      ([f]) => !AWS_ONLY_FRAMEWORKS.includes(f as Framework),
    ),
  ) as T['frameworks'];
  return { ...control, frameworks, equivalent: undefined };
}

/**
 * The cloud an entity runs on: its `refarch.dev/platform`, else the cloud its region names;
 * undefined when neither says.
 *
 * @public
 */
export function cloudOf(
  annotations: Pick<ComplianceAnnotations, 'platform' | 'region'>,
): Cloud | undefined {
  return annotations.platform ?? cloudOfRegion(annotations.region);
}
