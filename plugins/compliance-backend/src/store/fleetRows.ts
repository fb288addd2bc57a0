import { toIso } from './dates';
import { AssessedEntityMeta, AssessmentSummary, FleetFilter } from './types';

/** The columns of the catalog facts stored beside an assessment. @internal */
export const STORED_META_COLUMNS = [
  'kind',
  'namespace',
  'name',
  'type',
  'owner',
  'system',
  'domain',
  'template_version',
] as const;

/** The columns a fleet row (an assessment's summary) is read from. @internal */
export const SUMMARY_COLUMNS = [
  'entity_ref',
  ...STORED_META_COLUMNS,
  'status',
  'score',
  'dr_status',
  'drift_status',
  'failing_critical',
  'failing_high',
  'failing_medium',
  'failing_low',
  'evaluated_at',
] as const;

/** A row of SUMMARY_COLUMNS as SQLite or PostgreSQL returns it. @internal */
export interface SummaryRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  type: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  status: AssessmentSummary['status'];
  score: number | string | null;
  dr_status: AssessmentSummary['drStatus'];
  drift_status: AssessmentSummary['drift'] | null;
  failing_critical: number | string;
  failing_high: number | string;
  failing_medium: number | string;
  failing_low: number | string;
  evaluated_at: Date | string | number;
  template_version: string | null;
}

/** @internal */
export function toSummary(row: SummaryRow): AssessmentSummary {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    type: row.type ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    domain: row.domain ?? undefined,
    templateVersion: row.template_version ?? undefined,
    status: row.status,
    score:
      row.score === null || row.score === undefined ? null : Number(row.score),
    drStatus: row.dr_status,
    ...(row.drift_status ? { drift: row.drift_status } : {}),
    failing: {
      critical: Number(row.failing_critical),
      high: Number(row.failing_high),
      medium: Number(row.failing_medium),
      low: Number(row.failing_low),
    },
    evaluatedAt: toIso(row.evaluated_at),
  };
}

/**
 * One string of an assessment's catalog facts (owner, system, domain...), the same for the
 * facts about to be stored and for the columns they were stored in: when it differs, the
 * entity moved (another owner, its system in another domain) although its evaluation input
 * may be the same. @internal
 */
export function metaKey(meta: AssessedEntityMeta): string {
  return JSON.stringify([
    meta.kind,
    meta.namespace,
    meta.name,
    meta.type ?? null,
    meta.owner ?? null,
    meta.system ?? null,
    meta.domain ?? null,
    meta.templateVersion ?? null,
  ]);
}

/** {@link metaKey} of a row of STORED_META_COLUMNS. @internal */
export function storedMetaKey(
  row: Record<(typeof STORED_META_COLUMNS)[number], string | null>,
): string {
  return metaKey({
    kind: row.kind!,
    namespace: row.namespace!,
    name: row.name!,
    type: row.type ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    domain: row.domain ?? undefined,
    templateVersion: row.template_version ?? undefined,
  });
}

/** The columns an assessment is read back from (see decodeAssessment). @internal */
export const STORED_COLUMNS = [
  'entity_ref',
  'input_hash',
  'policy_version',
  'status',
  'score',
  'failing_critical',
  'failing_high',
  'failing_medium',
  'failing_low',
  'body',
  'skeleton_id',
];

/** The catalog facts the fleet is grouped by. @internal */
export const GROUP_COLUMNS = ['owner', 'system', 'domain', 'kind'] as const;
/** @internal */
export type GroupColumn = (typeof GROUP_COLUMNS)[number];

/** No filter set (the router passes every key, unset ones as undefined). @internal */
export function isUnfiltered(filter: FleetFilter): boolean {
  return Object.values(filter).every(
    v => v === undefined || (Array.isArray(v) && v.length === 0),
  );
}
