import { ComplianceAnnotations } from './readComplianceAnnotations';
import { cloudOf } from './platform';
import { Fact } from './facts';

import { DAY } from './durations';

/**
 * AWS KMS automatic rotation of a symmetric key accepts 90 to 2,560 days (RotationPeriodInDays).
 *
 * @public
 */
export const AWS_KMS_ROTATION_DAYS = { min: 90, max: 2560 } as const;

/**
 * Declared values the named service cannot have. Each becomes a message on the entity and
 * turns the fact unverified, so it never passes a control.
 *
 * @public
 */
export interface ImplausibleValue {
  factId: Fact['id'];
  message: string;
}

/**
 * Checks declared facts against what the cloud service accepts. For now: the automatic
 * rotation period of an AWS KMS key (90–2,560 days). A key whose cloud is not known from
 * `refarch.dev/region` is checked as an AWS key and the message says so; Google Cloud KMS
 * accepts any period from a day, so GCP keys are not checked.
 *
 * @public
 */
export function findImplausibleValues(
  componentClass: string | undefined,
  annotations: Pick<ComplianceAnnotations, 'region' | 'platform' | 'declared'>,
): ImplausibleValue[] {
  const out: ImplausibleValue[] = [];
  const cloud = cloudOf(annotations);
  if (componentClass === 'kms-key' && cloud !== 'gcp') {
    const period = annotations.declared.find(
      f => f.id === 'key-rotation-period' && typeof f.value === 'number',
    );
    const days = period ? (period.value as number) / DAY : undefined;
    if (
      days !== undefined &&
      (days < AWS_KMS_ROTATION_DAYS.min || days > AWS_KMS_ROTATION_DAYS.max)
    ) {
      const prefix =
        cloud === 'aws' ? 'AWS KMS' : 'If this is an AWS KMS key: AWS KMS';
      out.push({
        factId: 'key-rotation-period',
        message: `${prefix} automatic rotation accepts ${AWS_KMS_ROTATION_DAYS.min}–${AWS_KMS_ROTATION_DAYS.max} days, so a ${days}-day rotation is not automatic key rotation: either another mechanism (on-demand rotation with RotateKeyOnDemand on a schedule, or a new key behind the alias) that the source must name, or unachievable`,
      });
    }
  }
  return out;
}

/**
 * The declared facts with every implausible value marked unverified (so no control passes on
 * it), and the messages.
 *
 * @public
 */
export function markImplausibleValues(
  componentClass: string | undefined,
  annotations: Pick<ComplianceAnnotations, 'region' | 'platform' | 'declared'>,
): { declared: Fact[]; messages: string[] } {
  const found = findImplausibleValues(componentClass, annotations);
  if (!found.length) return { declared: annotations.declared, messages: [] };
  const declared = annotations.declared.map(f => {
    const hit = found.find(x => x.factId === f.id);
    if (!hit) return f;
    const { value: _value, ...rest } = f;
    return { ...rest, unverified: hit.message };
  });
  return {
    declared,
    messages: found.map(x => `declared.${x.factId}: ${x.message}`),
  };
}
