/*
 * The metadata of the controls in lambdaControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';

/**
 * HRD-07: Lambda runtimes that are not deprecated.
 *
 * @internal
 */
export const lambdaMetadata: ControlMetadata[] = [
  {
    id: 'HRD-07',
    category: 'hardening',
    severity: 'high',
    title: 'Functions run on a Lambda runtime that is not deprecated',
    rationale:
      'A deprecated runtime gets no security patches, and later functions using it can no longer be updated. [001] runs Lambda functions on Node.js 20.x (deprecated 2026-04-30) and Python 3.11 (deprecated 2027-06-30). Judged against the dates AWS publishes (controls/lambdaRuntimes.ts) at the time of evaluation; a warning within warnBeforeDays of the date.',
    appliesTo: ['function'],
    resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    params: { warnBeforeDays: 180 },
    frameworks: {
      soc2: ['CC7.1'],
      'bsi-c5': ['OPS-18'],
      'pci-dss': ['6.3.3'],
    },
    sources: ['001'],
    equivalent:
      'cfn-lint E2531/W2531; AwsSolutions-L1; lambda-function-settings-check',
  },
];
