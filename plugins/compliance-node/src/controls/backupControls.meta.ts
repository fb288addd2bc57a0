/*
 * The metadata of the controls in backupControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';

/**
 * DR-05: backup plans.
 *
 * @internal
 */
export const backupMetadata: ControlMetadata[] = [
  {
    id: 'DR-05',
    category: 'resilience',
    severity: 'high',
    title:
      'Backup plans: interval ≤ RPO, retention ≥ 35 days, cross-region copy, locked CMK vault',
    rationale:
      'AWS Backup with cross-region copies is the region-disruption answer [001][002][004].',
    appliesTo: ['backup-plan'],
    resourceTypes: ['AWS::Backup::BackupPlan', 'AWS::Backup::BackupVault'],
    facts: ['backup-interval', 'backup-retention', 'cross-region-backup'],
    params: { minRetentionDays: 35 },
    frameworks: {
      soc2: ['A1.2'],
      gdpr: ['Art. 32(1)(c)'],
      'bsi-c5': ['OPS-07'],
    },
    sources: ['001', '002', '004'],
    equivalent: 'backup-plan-min-frequency-and-min-retention-check',
  },
];
