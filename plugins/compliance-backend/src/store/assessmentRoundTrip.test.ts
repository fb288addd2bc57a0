import { stringifyEntityRef } from '@backstage/catalog-model';
import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { documentedCatalogRunner } from '../__testUtils__/documentedCatalogRunner';
import { AssessmentStore } from './AssessmentStore';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/**
 * Issue 19: a stored assessment is a compact body and a shared skeleton. Reading it back
 * gives exactly the JSON the whole body was before (the text the API served), for every
 * entity of the five documented architectures, one of them with a waived result and
 * evidence.
 */
describe.each(databases.eachSupportedId())(
  'assessments of the five documented architectures stored and read back on %s',
  id => {
    it('read back as the same JSON from a body at least 4 times smaller', async () => {
      const knex = await migratedDatabase(databases, id);
      const { runner, entities, evidence, waivers } =
        documentedCatalogRunner(knex);
      // A waived result (its waiver echoed in the result) and a fresh DR drill.
      const waived = 'resource:default/dta-wide-alerting';
      const request = await waivers.request({
        entityRef: waived,
        controlId: 'MON-02',
        justification: 'PagerDuty rollout in Q1',
        expiresAt: '2027-02-01T00:00:00.000Z',
        requestedBy: 'user:default/dev',
      });
      await waivers.decide(
        request.id,
        'pending',
        'approved',
        'user:default/lead',
        'ok',
      );
      await evidence.add({
        entityRef: 'system:default/dta-wide-production',
        kind: 'dr-drill',
        performedAt: '2026-11-01T00:00:00.000Z',
        result: 'pass',
        summary: 'Region failover drill',
        recordedBy: 'user:default/ops',
      });

      const refs = entities
        .filter(e => ['Component', 'Resource', 'System'].includes(e.kind))
        .map(e => stringifyEntityRef(e));
      expect(refs.length).toBeGreaterThan(50);
      const evaluated = new Map<string, Assessment>();
      for (const ref of refs)
        evaluated.set(ref, (await runner.evaluateOne(ref))!);
      expect(
        evaluated.get(waived)!.results.find(r => r.controlId === 'MON-02'),
      ).toMatchObject({
        status: 'waived',
        waiver: { approvedBy: 'user:default/lead' },
      });

      // A second store reads from the database alone (no skeleton cached by the writer).
      const reader = AssessmentStore.create({ knex });
      let whole = 0;
      for (const [ref, assessment] of evaluated) {
        const json = JSON.stringify(assessment);
        whole += Buffer.byteLength(json);
        expect(await reader.getJson(ref)).toBe(json);
        expect(await reader.get(ref)).toEqual(assessment);
      }
      const rows: Array<{ body: string; skeleton_id: string | null }> =
        await knex('compliance_assessments').select('body', 'skeleton_id');
      expect(rows).toHaveLength(refs.length);
      expect(rows.every(r => r.skeleton_id)).toBe(true);
      const stored = rows.reduce((n, r) => n + Buffer.byteLength(r.body), 0);
      expect(stored * 4).toBeLessThan(whole);

      // The DR matrix reads each System's DR estimate from the same bodies.
      const systems = await reader.fleet.systemsDr(undefined);
      expect(systems.length).toBeGreaterThan(3);
      for (const s of systems)
        expect(s.dr).toEqual(evaluated.get(s.entityRef)!.dr);

      // A row written before compact bodies (its whole JSON, no skeleton) reads as it is.
      const legacy = JSON.stringify({
        ...evaluated.get(waived)!,
        profile: 'old',
      });
      await knex('compliance_assessments')
        .where({ entity_ref: waived })
        .update({ body: legacy, skeleton_id: null });
      expect(await reader.getJson(waived)).toBe(legacy);
      expect(await reader.get(waived)).toEqual(JSON.parse(legacy));
    });
  },
);
