import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { environmentEntity } from '../__testUtils__/environmentEntity';
import { EvaluationPool, createEvaluationPool } from './EvaluationPool';
import { IacReader } from './IacReader';
import { PageAssessor, PassContext } from './PageAssessor';

// Worker threads load the TypeScript sources through the transform: slow on a loaded machine.
jest.setTimeout(300_000);

const fixtures = path.resolve(__dirname, '..', '__fixtures__', 'iac');

/** A database Resource of team-a with declared facts and no template. */
function declaredDatabase(name: string): Entity {
  const { metadata, spec, ...entity } = environmentEntity(name, '/', 'none');
  return {
    ...entity,
    metadata: {
      ...metadata,
      annotations: {
        'refarch.dev/declared.storage-encrypted': 'true',
        'refarch.dev/declared.multi-az': name.endsWith('1') ? 'true' : 'false',
        'refarch.dev/declared.backup-retention': '35d',
      },
    },
    spec: { ...spec, type: 'database' },
  };
}

function context(entities: Entity[]): PassContext {
  return {
    index: new Map(entities.map(e => [stringifyEntityRef(e), e])),
    components: new Map(),
    evidence: new Map(),
    waivers: new Map(),
    now: new Date('2026-12-07T10:00:00Z'),
    json: new Map(),
  };
}

/**
 * Issue 19: with the worker pool, an entity's template is read and analysed in a worker, but
 * an entity without one is evaluated on the pass's thread (cloning its input to the worker
 * and its stored form back cost more than evaluating it), in slices between which the event
 * loop runs.
 */
describe('PageAssessor with the worker pool', () => {
  let dir: string;
  let pool: EvaluationPool;
  const logger = mockServices.logger.mock();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assessor-'));
    fs.copyFileSync(
      path.join(fixtures, 'environment.yaml'),
      path.join(dir, 'environment.yaml'),
    );
    pool = createEvaluationPool({
      config: new ConfigReader({
        compliance: { iac: { allowedRoots: [dir] } },
      }),
      policy: defaultPolicy,
      urlReader: {} as any,
      logger,
    })!;
  });
  afterAll(async () => {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** With the pool, or (`onThread`) evaluating every entity on this thread. */
  function assessor(onThread = false) {
    return new PageAssessor({
      logger,
      iac: IacReader.create({
        urlReader: {} as any,
        logger,
        allowedRoots: [dir],
      }),
      pool: onThread ? undefined : pool,
      policy: defaultPolicy,
    });
  }

  it('sends only the entities with a template to the worker and stores what the thread would', async () => {
    const templated = environmentEntity('env', dir, 'environment.yaml');
    const declared = [declaredDatabase('db-1'), declaredDatabase('db-2')];
    const entities = [declared[0], templated, declared[1]];
    const sent = jest.spyOn(pool, 'evaluate');
    try {
      const inPool = await assessor().assess(
        entities,
        context(entities),
        undefined,
      );
      expect(sent.mock.calls.map(([entity]) => entity)).toEqual([templated]);
      expect(inPool.failed).toBe(0);
      expect(inPool.toSave.map(s => s.stored.entityRef)).toEqual(
        entities.map(e => stringifyEntityRef(e)),
      );
      expect(inPool.sources.get(stringifyEntityRef(templated))).toContain(
        'environment.yaml',
      );

      // Evaluated without the pool, every entity on this thread: the same stored rows.
      const onThread = await assessor(true).assess(
        entities,
        context(entities),
        undefined,
      );
      expect(inPool.toSave.map(s => s.stored)).toEqual(
        onThread.toSave.map(s => s.stored),
      );
      expect(
        inPool.toSave.find(s => s.stored.entityRef === 'resource:default/db-2')
          ?.stored.status,
      ).toBe('fail');
    } finally {
      sent.mockRestore();
    }
  });

  it('skips an unchanged entity without a template and lets the event loop run while it evaluates', async () => {
    const entities = Array.from({ length: 3000 }, (_, i) =>
      declaredDatabase(`db-${i}`),
    );
    const ctx = context(entities);
    const first = await assessor().assess(entities, ctx, undefined);
    expect(first.toSave).toHaveLength(3000);

    // Turns of the event loop while the page is evaluated: none if it ran in one go.
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const hashes = new Map(
      first.toSave.map(s => [s.stored.entityRef, s.stored.inputHash]),
    );
    hashes.delete('resource:default/db-7');
    const again = await assessor().assess(entities, ctx, hashes);
    const evaluatedAgain = await assessor().assess(entities, ctx, undefined);
    counting = false;
    expect(again.skipped).toBe(2999);
    expect(again.toSave.map(s => s.stored.entityRef)).toEqual([
      'resource:default/db-7',
    ]);
    expect(evaluatedAgain.toSave).toHaveLength(3000);
    // 3,000 evaluations take far longer than one slice of 5 ms on any machine.
    expect(turns).toBeGreaterThan(3);
  });
});
