import { DisruptionType, FactId, FactValue, formatDuration } from '@refarch/backstage-plugin-compliance-common';
import { DrComponent } from './drComponents';
import { RECOVERY_ASSUMPTIONS as A } from './recoveryAssumptions';

/**
 * Achievable recovery of one component for one disruption type. `null` means not
 * recoverable; `undefined` means unknown (the facts that would decide it are missing).
 * A component that holds no state has no RPO (`rpo: 0`).
 *
 * @public
 */
export interface ComponentRecovery {
  rpo: number | null | undefined;
  rto: number | null | undefined;
  why: string;
}

/** @public */
export type ComponentEstimate = Partial<Record<DisruptionType, ComponentRecovery>>;

const STATELESS = new Set(['service', 'worker', 'function', 'website']);
const DATA = new Set(['database', 'file-system']);

function get(c: DrComponent, id: FactId): FactValue | undefined {
  return c.facts.get(id);
}
const num = (v: FactValue | undefined) => (typeof v === 'number' ? v : undefined);
const unknownBecause = (missing: string): ComponentRecovery => ({ rpo: undefined, rto: undefined, why: `unknown: ${missing} not known` });

function database(c: DrComponent): ComponentEstimate {
  const multiAz = get(c, 'multi-az');
  const pitr = get(c, 'pitr');
  const snapshot = num(get(c, 'backup-interval')) ?? (num(get(c, 'backup-retention')) ? A.defaultSnapshotInterval : undefined);
  const logInterval = num(get(c, 'log-backup-interval')) ?? A.pitrLogInterval;
  const failover = num(get(c, 'failover-time')) ?? A.dbFailover;
  const restoreRpo = pitr === true ? logInterval : snapshot;
  const restore: ComponentRecovery =
    restoreRpo === undefined
      ? unknownBecause('pitr/backup-interval')
      : { rpo: restoreRpo, rto: A.dbRestore, why: pitr === true ? `point-in-time restore (logs every ${formatDuration(logInterval)})` : `restore from the last snapshot (every ${formatDuration(restoreRpo)})` };
  const zonal: ComponentRecovery =
    multiAz === true ? { rpo: 0, rto: failover, why: `Multi-AZ failover in ${formatDuration(failover)}` }
    : multiAz === false ? restore
    : unknownBecause('multi-az');
  const replica = get(c, 'cross-region-replica');
  const copy = get(c, 'cross-region-backup');
  const rebuild = num(get(c, 'rebuild-time')) ?? A.iacRebuild;
  const region: ComponentRecovery =
    replica === true ? { rpo: A.replicationLag, rto: A.replicaPromotion, why: 'promote the cross-region replica' }
    : copy === true ? { rpo: snapshot ?? A.defaultSnapshotInterval, rto: Math.max(rebuild, A.dbRestore), why: 'restore a cross-region backup copy' }
    : replica === false && copy === false ? { rpo: null, rto: null, why: 'no cross-region replica or backup copy: not recoverable' }
    : unknownBecause('cross-region-backup/cross-region-replica');
  return { software: restore, hardware: zonal, az: zonal, region };
}

function cache(c: DrComponent): ComponentEstimate {
  const multiAz = get(c, 'multi-az');
  const zonal: ComponentRecovery =
    multiAz === true ? { rpo: 0, rto: num(get(c, 'failover-time')) ?? A.cacheFailover, why: 'replica promoted automatically' }
    : multiAz === false ? { rpo: 0, rto: A.cacheReplace, why: 'node replaced, cache starts cold' }
    : unknownBecause('multi-az');
  // Cached data is rebuilt from the source of truth; what matters is the time to a working cache.
  const region: ComponentRecovery = get(c, 'iac-managed') === true
    ? { rpo: 0, rto: num(get(c, 'rebuild-time')) ?? A.iacRebuild, why: 'recreated empty from IaC' }
    : unknownBecause('iac-managed');
  return { software: { rpo: 0, rto: A.cacheReplace, why: 'flush and warm up' }, hardware: zonal, az: zonal, region };
}

function objectStorage(c: DrComponent): ComponentEstimate {
  const versioning = get(c, 'versioning');
  const replication = get(c, 'cross-region-replication');
  const zonal: ComponentRecovery = { rpo: 0, rto: 0, why: 'object storage is replicated across zones by the provider' };
  const software: ComponentRecovery =
    versioning === true ? { rpo: 0, rto: A.objectRestore, why: 'restore previous object versions' }
    : versioning === false ? { rpo: null, rto: null, why: 'no versioning: overwritten or deleted objects are lost' }
    : unknownBecause('versioning');
  const region: ComponentRecovery =
    replication === true ? { rpo: A.replicationLag, rto: A.objectRestore, why: 'read from the replica region' }
    : replication === false ? { rpo: null, rto: null, why: 'no cross-region replication: not recoverable' }
    : unknownBecause('cross-region-replication');
  return { software, hardware: zonal, az: zonal, region };
}

function stateless(c: DrComponent): ComponentEstimate {
  const tasks = num(get(c, 'min-tasks'));
  const azs = num(get(c, 'az-count'));
  const rollback = get(c, 'deployment-rollback');
  const hardware: ComponentRecovery = tasks === undefined ? unknownBecause('min-tasks')
    : { rpo: 0, rto: tasks >= 2 ? 0 : A.taskReplacement, why: tasks >= 2 ? 'other tasks keep serving' : 'single task replaced' };
  const az: ComponentRecovery = tasks === undefined || azs === undefined ? unknownBecause('min-tasks/az-count')
    : { rpo: 0, rto: tasks >= 2 && azs >= 2 ? 0 : A.taskReplacement, why: tasks >= 2 && azs >= 2 ? `tasks spread over ${azs} AZs` : 'tasks restarted in another AZ' };
  const software: ComponentRecovery = rollback === true
    ? { rpo: 0, rto: A.automaticRollback, why: 'automatic rollback' }
    : { rpo: 0, rto: A.manualRollback, why: 'manual rollback to the previous version' };
  const iac = get(c, 'iac-managed');
  const region: ComponentRecovery = iac === true
    ? { rpo: 0, rto: num(get(c, 'rebuild-time')) ?? A.iacRebuild, why: 'redeployed from IaC in another region' }
    : iac === false ? { rpo: 0, rto: null, why: 'not defined as code: no tested way to rebuild elsewhere' }
    : unknownBecause('iac-managed');
  return { software, hardware, az, region };
}

/**
 * Estimates what a component's configuration allows per disruption type; classes that hold
 * no data and serve no traffic (keys, pipelines…) do not constrain recovery.
 *
 * @public
 */
export function estimateComponent(c: DrComponent): ComponentEstimate | undefined {
  if (DATA.has(c.componentClass)) return database(c);
  if (c.componentClass === 'cache') return cache(c);
  if (c.componentClass === 'object-storage') return objectStorage(c);
  if (STATELESS.has(c.componentClass)) return stateless(c);
  return undefined;
}
