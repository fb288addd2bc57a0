import {
  DisruptionType,
  FactId,
  FactValue,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
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
  /** When unknown: the facts that would decide it (one of them, or all with `needsAll`). */
  needs?: FactId[];
  needsAll?: boolean;
}

/** @public */
export type ComponentEstimate = Partial<
  Record<DisruptionType, ComponentRecovery>
>;

const STATELESS = new Set(['service', 'worker', 'function', 'website']);
const DATA = new Set(['database', 'file-system']);

function get(c: DrComponent, id: FactId): FactValue | undefined {
  return c.facts.get(id);
}
const num = (v: FactValue | undefined) =>
  typeof v === 'number' ? v : undefined;
/** Unknown until one of `anyOf` is known (or, with `'and'`, all of them). */
const unknownBecause = (
  anyOf: FactId[],
  joiner: 'or' | 'and' = 'or',
): ComponentRecovery => ({
  rpo: undefined,
  rto: undefined,
  why: `unknown: needs ${anyOf.join(` ${joiner} `)}`,
  needs: anyOf,
  ...(joiner === 'and' && anyOf.length > 1 ? { needsAll: true } : {}),
});

/** Picks by a boolean fact: true, false, or absent (unknown). */
function byFact(
  value: FactValue | undefined,
  ifTrue: ComponentRecovery,
  ifFalse: ComponentRecovery,
  missing: FactId,
): ComponentRecovery {
  if (value === true) return ifTrue;
  if (value === false) return ifFalse;
  return unknownBecause([missing]);
}

function database(c: DrComponent): ComponentEstimate {
  const pitr = get(c, 'pitr');
  const snapshot =
    num(get(c, 'backup-interval')) ??
    (num(get(c, 'backup-retention')) ? A.defaultSnapshotInterval : undefined);
  const logInterval = num(get(c, 'log-backup-interval')) ?? A.pitrLogInterval;
  const failover = num(get(c, 'failover-time')) ?? A.dbFailover;
  let restore: ComponentRecovery;
  if (pitr === true)
    restore = {
      rpo: logInterval,
      rto: A.dbRestore,
      why: `point-in-time restore (logs every ${formatDuration(logInterval)})`,
    };
  else if (snapshot !== undefined)
    restore = {
      rpo: snapshot,
      rto: A.dbRestore,
      why: `restore from the last snapshot (every ${formatDuration(snapshot)})`,
    };
  else restore = unknownBecause(['pitr', 'backup-interval']);
  const zonal = byFact(
    get(c, 'multi-az'),
    {
      rpo: 0,
      rto: failover,
      why: `Multi-AZ failover in ${formatDuration(failover)}`,
    },
    restore,
    'multi-az',
  );
  const replica = get(c, 'cross-region-replica');
  const copy = get(c, 'cross-region-backup');
  const rebuild = num(get(c, 'rebuild-time')) ?? A.iacRebuild;
  let region: ComponentRecovery;
  if (replica === true)
    region = {
      rpo: A.replicationLag,
      rto: A.replicaPromotion,
      why: 'promote the cross-region replica',
    };
  else if (copy === true)
    region = {
      rpo: snapshot ?? A.defaultSnapshotInterval,
      rto: Math.max(rebuild, A.dbRestore),
      why: 'restore a cross-region backup copy',
    };
  else if (replica === false && copy === false)
    region = {
      rpo: null,
      rto: null,
      why: 'no cross-region replica or backup copy: not recoverable',
    };
  else region = unknownBecause(['cross-region-backup', 'cross-region-replica']);
  return { software: restore, hardware: zonal, az: zonal, region };
}

function cache(c: DrComponent): ComponentEstimate {
  const zonal = byFact(
    get(c, 'multi-az'),
    {
      rpo: 0,
      rto: num(get(c, 'failover-time')) ?? A.cacheFailover,
      why: 'replica promoted automatically',
    },
    { rpo: 0, rto: A.cacheReplace, why: 'node replaced, cache starts cold' },
    'multi-az',
  );
  // Cached data is rebuilt from the source of truth; what matters is the time to a working cache.
  const rebuilt: ComponentRecovery = {
    rpo: 0,
    rto: num(get(c, 'rebuild-time')) ?? A.iacRebuild,
    why: 'recreated empty from IaC',
  };
  const region =
    get(c, 'iac-managed') === true ? rebuilt : unknownBecause(['iac-managed']);
  return {
    software: { rpo: 0, rto: A.cacheReplace, why: 'flush and warm up' },
    hardware: zonal,
    az: zonal,
    region,
  };
}

function objectStorage(c: DrComponent): ComponentEstimate {
  const zonal: ComponentRecovery = {
    rpo: 0,
    rto: 0,
    why: 'object storage is replicated across zones by the provider',
  };
  const software = byFact(
    get(c, 'versioning'),
    { rpo: 0, rto: A.objectRestore, why: 'restore previous object versions' },
    {
      rpo: null,
      rto: null,
      why: 'no versioning: overwritten or deleted objects are lost',
    },
    'versioning',
  );
  const region = byFact(
    get(c, 'cross-region-replication'),
    {
      rpo: A.replicationLag,
      rto: A.objectRestore,
      why: 'read from the replica region',
    },
    {
      rpo: null,
      rto: null,
      why: 'no cross-region replication: not recoverable',
    },
    'cross-region-replication',
  );
  return { software, hardware: zonal, az: zonal, region };
}

function stateless(c: DrComponent): ComponentEstimate {
  const tasks = num(get(c, 'min-tasks'));
  const azs = num(get(c, 'az-count'));
  const redundant = tasks !== undefined && tasks >= 2;
  const hardware: ComponentRecovery =
    tasks === undefined
      ? unknownBecause(['min-tasks'])
      : {
          rpo: 0,
          rto: redundant ? 0 : A.taskReplacement,
          why: redundant ? 'other tasks keep serving' : 'single task replaced',
        };
  const spread = redundant && azs !== undefined && azs >= 2;
  const az: ComponentRecovery =
    tasks === undefined || azs === undefined
      ? unknownBecause(
          [
            ...(tasks === undefined ? (['min-tasks'] as FactId[]) : []),
            ...(azs === undefined ? (['az-count'] as FactId[]) : []),
          ],
          'and',
        )
      : {
          rpo: 0,
          rto: spread ? 0 : A.taskReplacement,
          why: spread
            ? `tasks spread over ${azs} AZs`
            : 'tasks restarted in another AZ',
        };
  const software: ComponentRecovery =
    get(c, 'deployment-rollback') === true
      ? { rpo: 0, rto: A.automaticRollback, why: 'automatic rollback' }
      : {
          rpo: 0,
          rto: A.manualRollback,
          why: 'manual rollback to the previous version',
        };
  const region = byFact(
    get(c, 'iac-managed'),
    {
      rpo: 0,
      rto: num(get(c, 'rebuild-time')) ?? A.iacRebuild,
      why: 'redeployed from IaC in another region',
    },
    {
      rpo: 0,
      rto: null,
      why: 'not defined as code: no tested way to rebuild elsewhere',
    },
    'iac-managed',
  );
  return { software, hardware, az, region };
}

/**
 * Estimates what a component's configuration allows per disruption type; classes that hold
 * no data and serve no traffic (keys, pipelines…) do not constrain recovery.
 *
 * @public
 */
export function estimateComponent(
  c: DrComponent,
): ComponentEstimate | undefined {
  if (DATA.has(c.componentClass)) return database(c);
  if (c.componentClass === 'cache') return cache(c);
  if (c.componentClass === 'object-storage') return objectStorage(c);
  if (STATELESS.has(c.componentClass)) return stateless(c);
  return undefined;
}
