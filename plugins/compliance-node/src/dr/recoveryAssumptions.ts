import { DAY } from '@refarch/backstage-plugin-compliance-common';

const MIN = 60;
const HOUR = 3600;

/**
 * Recovery times that configurations allow, the way AWS Resilience Hub estimates them.
 * These are engineering assumptions (AWS documentation figures), used where a component's
 * own documentation gives no measured value (a declared `failover-time` or `rebuild-time`
 * wins).
 *
 * @public
 */
export const RECOVERY_ASSUMPTIONS = {
  /** RDS Multi-AZ failover: 60–120 s (AWS docs). */
  dbFailover: 120,
  /** Restoring a database from a snapshot or to a point in time, and repointing the app. */
  dbRestore: 1 * HOUR,
  /** RDS transaction logs are uploaded every 5 minutes: the PITR data-loss bound. */
  pitrLogInterval: 5 * MIN,
  /** Daily automated snapshots when nothing else is said. */
  defaultSnapshotInterval: DAY,
  /** Promoting a cross-region read replica and switching DNS. */
  replicaPromotion: 1 * HOUR,
  /** Asynchronous cross-region replication lag (RDS replica, S3 RTC 15 min). */
  replicationLag: 15 * MIN,
  /** ElastiCache Multi-AZ automatic failover. */
  cacheFailover: 60,
  /** Replacing a cache node without a replica. */
  cacheReplace: 30 * MIN,
  /** ECS/Cloud Run replacing a failed task or instance. */
  taskReplacement: 60,
  /** Rolling back a bad deployment automatically vs by hand. */
  automaticRollback: 10 * MIN,
  manualRollback: 1 * HOUR,
  /** Rebuilding an environment from IaC in another region when the document gives no figure. */
  iacRebuild: 4 * HOUR,
  /** Restoring objects from versions. */
  objectRestore: 1 * HOUR,
} as const;
