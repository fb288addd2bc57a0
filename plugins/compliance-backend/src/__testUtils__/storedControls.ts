import { Knex } from 'knex';
import {
  controlEntry,
  parseControlEntry,
  storedControlEntries,
} from '../store/controlResults';
import { isPostgres } from '../store/isPostgres';

/** The stored results of `entityRef` that apply, as sorted `<control>=<status>` texts. */
export async function storedControls(
  knex: Knex,
  entityRef: string,
): Promise<string[]> {
  const row = await knex('compliance_assessments')
    .where({ entity_ref: entityRef })
    .first('controls');
  if (!row) return [];
  return storedControlEntries(row.controls)
    .map(parseControlEntry)
    .map(r => `${r.controlId}=${r.status}`)
    .sort();
}

/** Every stored result that applies, as `<entity ref> <control>=<status>`, sorted. */
export async function allStoredControls(knex: Knex): Promise<string[]> {
  const rows = await knex('compliance_assessments').select(
    'entity_ref',
    'controls',
  );
  return rows
    .flatMap(row =>
      storedControlEntries(row.controls)
        .map(parseControlEntry)
        .map(r => `${row.entity_ref} ${r.controlId}=${r.status}`),
    )
    .sort();
}

/** Stores `status` as the result of `controlId` of `entityRef` (a test's own write). */
export async function setStoredControl(
  knex: Knex,
  entityRef: string,
  controlId: string,
  status: string,
): Promise<void> {
  const row = await knex('compliance_assessments')
    .where({ entity_ref: entityRef })
    .first('controls');
  const entries = storedControlEntries(row.controls).map(e => {
    const r = parseControlEntry(e);
    return r.controlId === controlId ? controlEntry(controlId, status) : e;
  });
  await knex('compliance_assessments')
    .where({ entity_ref: entityRef })
    .update({
      controls: isPostgres(knex) ? entries : JSON.stringify(entries),
    });
}
