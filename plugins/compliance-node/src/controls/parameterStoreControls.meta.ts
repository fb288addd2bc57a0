/*
 * The metadata of the controls in parameterStoreControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';

/**
 * SEC-03: SSM parameters hold secrets only as SecureString with a customer-managed key.
 *
 * @internal
 */
export const parameterStoreMetadata: ControlMetadata[] = [
  {
    id: 'SEC-03',
    category: 'secrets',
    severity: 'high',
    title:
      'SSM parameters: secrets only as SecureString with a customer-managed key; access least privilege',
    rationale:
      'Parameter Store holds configuration [002] ("non-secret cfg") and, with a dedicated KMS key, parameters [003]. A String parameter is plain text to anyone with ssm:GetParameter, and CloudFormation cannot create SecureString parameters: secrets belong in Secrets Manager or in a SecureString encrypted with a customer-managed key. The tier (standard/advanced) is reported.',
    appliesTo: ['parameter-store'],
    resourceTypes: ['AWS::SSM::Parameter'],
    facts: [
      'parameter-holds-secrets',
      'parameter-secure-string',
      'encryption-key',
      'least-privilege',
      'parameter-tier',
    ],
    frameworks: { soc2: ['CC6.1'], gdpr: ['Art. 32(1)(a)'] },
    sources: ['002', '003'],
  },
];
