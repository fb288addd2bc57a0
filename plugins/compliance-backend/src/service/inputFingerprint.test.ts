import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'fs';
import path from 'path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'crypto';
import { CatalogService } from '@backstage/plugin-catalog-node';
import * as node from '@refarch/backstage-plugin-compliance-node';
import { AssessmentStore } from '../store/AssessmentStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { WaiverStore } from '../store/WaiverStore';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { EvaluationRunner } from './EvaluationRunner';
import { IacReader } from './IacReader';
import { inputFingerprint } from './inputFingerprint';
import { EvaluationPool, createEvaluationPool } from './EvaluationPool';
import { ROOT_TEMPLATE, dataTemplate } from '../__testUtils__/nestedTemplate';

jest.mock('@refarch/backstage-plugin-compliance-node', () => {
  const actual = jest.requireActual(
    '@refarch/backstage-plugin-compliance-node',
  );
  return { ...actual, computeInputHash: jest.fn(actual.computeInputHash) };
});

const databases = createTestDatabases();

/** A system with a database and a service that depends on it. */
function catalogOf(): Entity[] {
  const system = 'system:default/shop';
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'shop',
        namespace: 'default',
        annotations: { 'refarch.dev/tier': 'critical' },
      },
      spec: { owner: 'group:default/team' },
      relations: [
        { type: 'hasPart', targetRef: 'resource:default/shop-db' },
        { type: 'hasPart', targetRef: 'component:default/shop-api' },
      ],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'shop-db',
        namespace: 'default',
        annotations: {
          'refarch.dev/tier': 'critical',
          'refarch.dev/declared.storage-encrypted': 'true',
          'refarch.dev/declared.multi-az': 'true',
        },
      },
      spec: { type: 'database', owner: 'group:default/team', system: 'shop' },
      relations: [{ type: 'partOf', targetRef: system }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'shop-api',
        namespace: 'default',
        annotations: { 'refarch.dev/tier': 'critical' },
      },
      spec: { type: 'service', owner: 'group:default/team', system: 'shop' },
      relations: [
        { type: 'partOf', targetRef: system },
        { type: 'dependsOn', targetRef: 'resource:default/shop-db' },
      ],
    },
  ];
}

/**
 * A catalog whose entities the test edits between passes (each read returns copies). With
 * `etags`, each copy carries an etag of its content, as the catalog's stitcher sets it.
 */
function editableCatalog(entities: Entity[], etags: boolean) {
  const copy = (e: Entity) => {
    const json = JSON.stringify(e);
    const out = JSON.parse(json) as Entity;
    if (etags)
      out.metadata.etag = createHash('sha1').update(json).digest('hex');
    return out;
  };
  const byRef = (ref: string) =>
    entities.find(e => stringifyEntityRef(e) === ref);
  return {
    queryEntities: async () => ({
      items: entities.map(copy),
      totalItems: entities.length,
      pageInfo: {},
    }),
    getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
      items: entityRefs.map(r => {
        const e = byRef(r);
        return e && copy(e);
      }),
    }),
  } as unknown as CatalogService;
}

describe.each(
  databases
    .eachSupportedId()
    .flatMap(([id]) => [
      [id, 'entities without etags', false] as const,
      [id, "the catalog's etags", true] as const,
    ]),
)(
  'an idle pass recognises unchanged entities by their fingerprint on %s, from %s',
  (id, _label, etags) => {
    it('builds no input for them, and evaluates what any input change reaches', async () => {
      const knex = await migratedDatabase(databases, id);
      const entities = catalogOf();
      let now = new Date('2026-12-06T10:00:00Z');
      const assessments = AssessmentStore.create({ knex });
      const evidence = EvidenceStore.create({ knex });
      const waivers = WaiverStore.create({ knex });
      const logger = mockServices.logger.mock();
      // A runner on this database, as a replica of the backend runs one.
      const runnerWith = (store: AssessmentStore) =>
        new EvaluationRunner({
          catalog: editableCatalog(entities, etags),
          auth: mockServices.auth(),
          logger,
          assessments: store,
          evidence,
          waivers,
          iac: IacReader.create({
            urlReader: {} as any,
            logger,
            allowedRoots: [],
          }),
          policy: node.defaultPolicy,
          clock: () => now,
        });
      const runner = runnerWith(assessments);
      const hashed = node.computeInputHash as jest.Mock;
      // Reads of evidence and waivers: a pass after which none of them changed reads them
      // only for the entities it does not recognise.
      const factReads = [
        jest.spyOn(evidence, 'listByEntity'),
        jest.spyOn(waivers, 'approvedByEntity'),
      ];
      const readFacts = () => factReads.map(spy => spy.mock.calls.length);
      // Reads of the stored input hashes: none for the entities a pass recognises while no
      // one but this runner wrote an assessment since its last pass.
      const storedReads = jest.spyOn(assessments, 'getStoredInputs');
      const readStored = () => storedReads.mock.calls.flatMap(([refs]) => refs);
      const pass = async () => {
        hashed.mockClear();
        storedReads.mockClear();
        factReads.forEach(spy => spy.mockClear());
        const stats = await runner.runPass();
        return { evaluated: stats.evaluated, hashed: hashed.mock.calls.length };
      };

      // The first pass hashes nothing it evaluates for the first time; the second one only
      // fingerprints (no input built, nothing hashed).
      expect(await pass()).toEqual({ evaluated: 3, hashed: 0 });
      expect(readFacts()).toEqual([1, 1]);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      expect(readFacts()).toEqual([0, 0]);
      expect(readStored()).toEqual([]);

      // A fact of the database changes its own input, the service's (a dependency) and the
      // system's (a part). Their evidence and waivers are read for them, as nothing else.
      entities[1].metadata.annotations!['refarch.dev/declared.multi-az'] =
        'false';
      expect((await pass()).evaluated).toBe(3);
      expect(readFacts()).toEqual([1, 1]);
      expect(evidence.listByEntity).toHaveBeenLastCalledWith([
        'system:default/shop',
        'resource:default/shop-db',
        'component:default/shop-api',
      ]);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      expect(readFacts()).toEqual([0, 0]);

      // New evidence for the service: only the service.
      await evidence.add({
        entityRef: 'component:default/shop-api',
        kind: 'dr-drill',
        performedAt: '2026-12-01T00:00:00.000Z',
        result: 'pass',
        summary: 'Failover drill',
        recordedBy: 'user:default/ops',
      });
      expect((await pass()).evaluated).toBe(1);
      // That pass read the evidence of every entity, the next one of none.
      expect(readFacts()).toEqual([1, 1]);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      expect(readFacts()).toEqual([0, 0]);

      // Any annotation of the service is part of its input; the system's input only has the
      // service's facts: the system's input is built and hashed again, found unchanged.
      entities[2].metadata.annotations!['example.com/note'] = 'hello';
      expect(await pass()).toEqual({ evaluated: 1, hashed: 2 });
      // No input reads the owner, but the fleet files the service under it: the service is
      // stored again with its new owner; the system (the service is one of its parts) is
      // hashed again and found unchanged.
      const summary = async (ref: string) =>
        (await assessments.getSummaries([ref]))[0];
      entities[2].spec!.owner = 'group:default/other';
      entities[2].relations!.push({
        type: 'ownedBy',
        targetRef: 'group:default/other',
      });
      expect(await pass()).toEqual({ evaluated: 1, hashed: 1 });
      expect((await summary('component:default/shop-api')).owner).toBe(
        'group:default/other',
      );
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      // The system moves to a domain: its parts inherit it, although no input changed.
      entities[0].relations!.push({
        type: 'partOf',
        targetRef: 'domain:default/retail',
      });
      expect((await pass()).evaluated).toBe(3);
      for (const ref of [
        'system:default/shop',
        'resource:default/shop-db',
        'component:default/shop-api',
      ])
        expect((await summary(ref)).domain).toBe('domain:default/retail');
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });

      // Another replica runs the shard once (the scheduler may give a period's run to
      // either): it stores the service with a note, which is then taken back. The service
      // is as this runner last saw it (same etag), but its stored assessment is the other
      // replica's: this runner reads the stored hashes again and evaluates the service.
      const replica = runnerWith(AssessmentStore.create({ knex }));
      entities[2].metadata.annotations!['example.com/note'] = 'elsewhere';
      expect((await replica.runPass()).evaluated).toBe(1);
      entities[2].metadata.annotations!['example.com/note'] = 'hello';
      expect(await pass()).toEqual({ evaluated: 1, hashed: 1 });
      expect(readStored()).toHaveLength(3);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      expect(readStored()).toEqual([]);

      // A re-evaluation (new evidence is not needed: a waiver decision, an API call) is
      // not a pass: the next pass reads the stored hashes again, once.
      await replica.evaluateOne('resource:default/shop-db');
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      expect(readStored()).toHaveLength(3);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      expect(readStored()).toEqual([]);

      // A waiver approved for the database: only the database. When it expires later the
      // same day, the database again, though no row changed.
      const waiver = await waivers.request({
        entityRef: 'resource:default/shop-db',
        controlId: 'DR-01',
        justification: 'Single-AZ until the migration in January',
        expiresAt: '2026-12-06T12:00:00.000Z',
        requestedBy: 'user:default/dev',
      });
      await waivers.decide(
        waiver.id,
        'pending',
        'approved',
        'user:default/lead',
        'ok',
      );
      expect((await pass()).evaluated).toBe(1);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });
      now = new Date('2026-12-06T13:00:00Z');
      expect((await pass()).evaluated).toBe(1);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });

      // A new day: every input changes (evidence ages by the day).
      now = new Date('2026-12-07T10:00:00Z');
      expect((await pass()).evaluated).toBe(3);
      expect(await pass()).toEqual({ evaluated: 0, hashed: 0 });

      // A forced pass evaluates everything.
      expect((await runner.runPass({ force: true })).evaluated).toBe(3);
    });
  },
);

describe.each([
  ['on the pass thread', false],
  ['in the worker pool', true],
] as const)(
  'an idle pass recognises an entity with a template, evaluated %s',
  (_label, pooled) => {
    // Worker threads load the TypeScript sources through the transform.
    jest.setTimeout(120_000);
    const dir = createMockDirectory();
    let pool: EvaluationPool | undefined;
    afterEach(() => pool?.close());

    it('reads its template only when one of its files changed', async () => {
      dir.setContent({
        'root.yaml': ROOT_TEMPLATE,
        'data.yaml': dataTemplate(true),
      });
      const touch = (file: string, content: string, seconds: number) => {
        fs.writeFileSync(path.join(dir.path, file), content);
        // Later than the last write even where mtimes are coarse.
        const later = new Date(Date.now() + seconds * 1000);
        fs.utimesSync(path.join(dir.path, file), later, later);
      };
      const entities = catalogOf();
      Object.assign(entities[2].metadata.annotations!, {
        'backstage.io/managed-by-location': `file:${path.join(
          dir.path,
          'catalog-info.yaml',
        )}`,
        'refarch.dev/cloudformation': './root.yaml',
      });
      const knex = await migratedDatabase(
        databases,
        databases.eachSupportedId()[0][0],
      );
      const logger = mockServices.logger.mock();
      const iac = IacReader.create({
        urlReader: {} as any,
        logger,
        allowedRoots: [dir.path],
      });
      pool = pooled
        ? createEvaluationPool({
            config: new ConfigReader({
              compliance: { iac: { allowedRoots: [dir.path] } },
            }),
            policy: node.defaultPolicy,
            urlReader: {} as any,
            logger,
          })
        : undefined;
      if (pooled && !pool) throw new Error('no evaluation pool');
      const runner = new EvaluationRunner({
        catalog: editableCatalog(entities, true),
        auth: mockServices.auth(),
        logger,
        assessments: AssessmentStore.create({ knex }),
        evidence: EvidenceStore.create({ knex }),
        waivers: WaiverStore.create({ knex }),
        iac,
        pool,
        policy: node.defaultPolicy,
        clock: () => new Date('2026-12-06T10:00:00Z'),
      });
      // Entities whose input is built: sent to the pool's worker, or read on this thread
      // (which reads the template of those that have one). The pool's worker gets only the
      // entity with a template; the two without one are evaluated on the pass's thread.
      const built = pool
        ? jest.spyOn(pool, 'evaluate')
        : jest.spyOn(iac, 'read');
      const pass = async () => {
        built.mockClear();
        const stats = await runner.runPass();
        return { evaluated: stats.evaluated, built: built.mock.calls.length };
      };

      expect(await pass()).toEqual({ evaluated: 3, built: pool ? 1 : 3 });
      // Nothing changed: the service's template files are checked, not read.
      expect(await pass()).toEqual({ evaluated: 0, built: 0 });

      // Only the nested stack changes: the service is read and evaluated again.
      touch('data.yaml', dataTemplate(false), 5);
      expect(await pass()).toEqual({ evaluated: 1, built: 1 });
      expect(await pass()).toEqual({ evaluated: 0, built: 0 });

      // The root template is written again with the same text: read, found unchanged.
      touch('root.yaml', ROOT_TEMPLATE, 10);
      expect(await pass()).toEqual({ evaluated: 0, built: 1 });
      expect(await pass()).toEqual({ evaluated: 0, built: 0 });

      // The nested stack is gone: evaluated again; then known to be missing, until it is
      // back.
      fs.rmSync(path.join(dir.path, 'data.yaml'));
      expect(await pass()).toEqual({ evaluated: 1, built: 1 });
      expect(await pass()).toEqual({ evaluated: 0, built: 0 });
      touch('data.yaml', dataTemplate(true), 15);
      expect(await pass()).toEqual({ evaluated: 1, built: 1 });
      expect(await pass()).toEqual({ evaluated: 0, built: 0 });

      // A template that cannot be analysed vouches for nothing: read at every pass.
      touch('root.yaml', 'Resources: [', 20);
      expect(await pass()).toEqual({ evaluated: 1, built: 1 });
      expect(await pass()).toEqual({ evaluated: 0, built: 1 });
    });
  },
);

describe('inputFingerprint', () => {
  const ctx = () => ({
    index: new Map<string, Entity>(),
    evidence: new Map(),
    waivers: new Map(),
    now: new Date('2026-12-06T10:00:00Z'),
    json: new Map<string, string>(),
  });
  const [, db] = catalogOf();
  const edited = (etag?: string): Entity => ({
    ...db,
    metadata: {
      ...db.metadata,
      ...(etag ? { etag } : {}),
      annotations: { ...db.metadata.annotations, 'example.com/note': 'x' },
    },
  });

  it("stands for an entity by the catalog's etag, which changes with any change to it", () => {
    const withEtag = { ...db, metadata: { ...db.metadata, etag: 'e1' } };
    // The same etag is the same entity: its content is not read again.
    expect(inputFingerprint(edited('e1'), ctx(), 'p', 'm')).toBe(
      inputFingerprint(withEtag, ctx(), 'p', 'm'),
    );
    expect(inputFingerprint(edited('e2'), ctx(), 'p', 'm')).not.toBe(
      inputFingerprint(withEtag, ctx(), 'p', 'm'),
    );
    // Without an etag, its JSON.
    expect(inputFingerprint(edited(), ctx(), 'p', 'm')).not.toBe(
      inputFingerprint(db, ctx(), 'p', 'm'),
    );
  });

  it('changes with the catalog facts stored beside the assessment (its system may give the domain)', () => {
    const withEtag = { ...db, metadata: { ...db.metadata, etag: 'e1' } };
    expect(inputFingerprint(withEtag, ctx(), 'p', 'domain-a')).not.toBe(
      inputFingerprint(withEtag, ctx(), 'p', 'domain-b'),
    );
  });
});
