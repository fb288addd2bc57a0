// What an entity's stored assessment is made of (issue 19): reads the assessments a run of
// bench/backend.bench.ts left in its PostgreSQL database, through the AssessmentStore (so the
// answers are the API's, whatever the stored encoding), and prints how many bytes of the JSON
// each part takes, which parts the policy and the rest of the assessment already determine,
// and how many bytes the database row holds per entity. Run from the repository root after
//   node --require @backstage/cli/config/nodeTransform.cjs bench/backend.bench.ts pg 10000 1
//   node --require @backstage/cli/config/nodeTransform.cjs bench/assessmentBody.bench.ts [sample]
// (sample: how many assessments to read, every one by default).
import knexFactory from 'knex';
import {
  Assessment,
  ControlResult,
} from '@refarch/backstage-plugin-compliance-common';
import { AssessmentStore } from '../plugins/compliance-backend/src/store/AssessmentStore';
import { whereAnyOf } from '../plugins/compliance-backend/src/store/whereAnyOf';
import { print, printError } from './print';

const PG_BENCH = 'postgresql://postgres@127.0.0.1:5432/compliance_bench';

const bytes = (v: unknown) =>
  v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v));

/** Bytes per named part, summed over the sample. */
class Tally {
  readonly parts = new Map<string, number>();
  add(part: string, n: number) {
    this.parts.set(part, (this.parts.get(part) ?? 0) + n);
  }
}

/** A key and its value as they appear in an object's JSON, with the comma. */
const field = (key: string, value: unknown) =>
  value === undefined ? 0 : bytes(key) + 1 + bytes(value) + 1;

function tallyResult(r: ControlResult, a: Assessment, t: Tally) {
  if (r.status === 'not-applicable') {
    t.add('results: not-applicable (whole result)', bytes(r) + 1);
    return;
  }
  const observedAtEcho = r.facts.filter(f => f.observedAt === a.evaluatedAt);
  t.add(
    'results: controlId, status, keys',
    bytes({ controlId: r.controlId, status: r.status }) + 1,
  );
  t.add('results: message', field('message', r.message));
  t.add('results: resources', field('resources', r.resources));
  const factsWithoutObservedAt = r.facts.map(({ observedAt: _, ...f }) => f);
  t.add(
    'results: facts (without observedAt)',
    field('facts', factsWithoutObservedAt),
  );
  t.add(
    'results: facts observedAt (= evaluatedAt)',
    observedAtEcho.length *
      (bytes('observedAt') + 1 + bytes(a.evaluatedAt) + 1),
  );
  t.add(
    'results: facts observedAt (other)',
    (r.facts.length - observedAtEcho.length) *
      (bytes('observedAt') + 1 + 26 + 1),
  );
  t.add('results: decidedBy', field('decidedBy', r.decidedBy));
  t.add('results: sources (verdict per source)', field('sources', r.sources));
  t.add('results: waiver', field('waiver', r.waiver));
}

function tally(a: Assessment, t: Tally) {
  t.add('total', bytes(a));
  const {
    results,
    frameworks,
    outOfScopeFailures,
    dr,
    deployed,
    sources,
    errors,
    counts,
    failing,
    score,
    status,
    ...header
  } = a;
  t.add(
    'header: entityRef, evaluatedAt, inputHash, policy, profile',
    bytes(header),
  );
  t.add(
    'derived: counts, failing, score, status',
    field('counts', counts) +
      field('failing', failing) +
      field('score', score) +
      field('status', status),
  );
  t.add('results: array and key', field('results', []));
  for (const r of results) tallyResult(r, a, t);
  t.add(
    'derived: frameworks, outOfScopeFailures',
    field('frameworks', frameworks) +
      field('outOfScopeFailures', outOfScopeFailures),
  );
  const { disruptions, evidence, reasons, ...drRest } = dr;
  t.add('dr: status, tier, weakest', field('dr', drRest) - 1);
  t.add('dr: reasons', field('reasons', reasons));
  t.add('dr: disruptions', field('disruptions', disruptions));
  t.add(
    'dr: evidence (of which title and maxAge from the policy)',
    field('evidence', evidence),
  );
  t.add(
    'dr: evidence title and maxAge',
    evidence.reduce(
      (s, e) => s + field('title', e.title) + field('maxAge', e.maxAge),
      0,
    ),
  );
  t.add(
    'deployed, sources, errors',
    field('deployed', deployed) +
      field('sources', sources) +
      field('errors', errors),
  );
}

async function main() {
  const sample = Number(process.argv[2] ?? Infinity);
  const knex = knexFactory({ client: 'pg', connection: PG_BENCH });
  const store = AssessmentStore.create({ knex });
  const refs = (await store.assessedRefs()).sort().slice(0, sample);
  const t = new Tally();
  const naMessages = new Map<string, number>();
  let results = 0;
  let notApplicable = 0;
  for (let i = 0; i < refs.length; i += 500) {
    for (const ref of refs.slice(i, i + 500)) {
      const a = (await store.get(ref))!;
      tally(a, t);
      results += a.results.length;
      for (const r of a.results)
        if (r.status === 'not-applicable') {
          notApplicable++;
          naMessages.set(r.message, (naMessages.get(r.message) ?? 0) + 1);
        }
    }
  }
  // What the database holds per row: every column's stored size (compressed, as written).
  const stored = (
    await knex.raw(
      'select avg(pg_column_size(c.*)) as row_bytes from compliance_assessments c where entity_ref = any(?)',
      [refs],
    )
  ).rows[0];
  const columns: Array<{ column_name: string }> = (
    await knex.raw(
      "select column_name from information_schema.columns where table_name = 'compliance_assessments' and data_type in ('text', 'bytea')",
    )
  ).rows;
  const n = refs.length;
  const total = t.parts.get('total')!;
  print(
    `${n} assessments, ${(total / n / 1024).toFixed(
      1,
    )} KB of JSON each on average (${(total / 1e6).toFixed(
      1,
    )} MB in all); ${results} control results, ${notApplicable} of them not applicable`,
  );
  print('| part | bytes per assessment | share |');
  print('| --- | ---: | ---: |');
  for (const [part, sum] of [...t.parts].sort((a, b) => b[1] - a[1]))
    if (part !== 'total')
      print(
        `| ${part} | ${Math.round(sum / n).toLocaleString('en-US')} | ${(
          (100 * sum) /
          total
        ).toFixed(1)} % |`,
      );
  print(
    `not-applicable messages: ${[...naMessages]
      .map(([m, c]) => `"${m}" ${c}`)
      .join('; ')}`,
  );
  for (const { column_name: column } of columns) {
    // The sample's refs as one parameter: a parameter each exceeds PostgreSQL's 65,535 at 100k.
    const row = await whereAnyOf(
      knex('compliance_assessments'),
      'entity_ref',
      refs,
    )
      .select(
        knex.raw('avg(octet_length(??)) as written', [column]),
        knex.raw('avg(pg_column_size(??)) as stored', [column]),
      )
      .first();
    print(
      `column ${column}: ${Math.round(
        Number(row.written),
      )} bytes written, ${Math.round(
        Number(row.stored),
      )} stored (after compression) per assessment`,
    );
  }
  print(
    `whole row of compliance_assessments: ${Math.round(
      Number(stored.row_bytes),
    )} bytes stored per assessment`,
  );
  await knex.destroy();
}

main().catch(e => {
  printError(e);
  process.exit(1);
});
