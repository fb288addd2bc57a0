import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { environmentEntity } from '../__testUtils__/environmentEntity';
import { hostileTemplate } from '../__testUtils__/hostileTemplate';
import {
  EvaluationLimitError,
  EvaluationPool,
  createEvaluationPool,
} from './EvaluationPool';

// Worker threads load the TypeScript sources through the transform: slow on a loaded machine.
jest.setTimeout(300_000);

const fixtures = path.resolve(__dirname, '..', '__fixtures__', 'iac');

/** The evaluation input of `entity` other than its template, which the worker reads. */
function baseOf(entity: Entity) {
  return {
    entity: {
      ref: stringifyEntityRef(entity),
      kind: entity.kind,
      name: entity.metadata.name,
      type: 'environment',
      annotations: entity.metadata.annotations ?? {},
    },
    evidence: [],
    waivers: [],
    dependencies: [],
    now: new Date('2026-12-07T10:00:00Z'),
  };
}

/**
 * Issue 19: the pool sends the entities that wait for a worker in one message, and the worker
 * says which one it is evaluating. An entity over the time limit is the one stopped, wherever
 * it is in its batch; the others of the batch, before and after it, are evaluated by the
 * worker that replaces it; an entity that fails fails alone.
 */
describe('EvaluationPool', () => {
  let dir: string;
  let pool: EvaluationPool | undefined;
  const logger = mockServices.logger.mock();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-'));
    fs.copyFileSync(
      path.join(fixtures, 'environment.yaml'),
      path.join(dir, 'environment.yaml'),
    );
    hostileTemplate(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => pool?.close());

  it('stops the entity over the limit in the middle of a batch and evaluates the others of it', async () => {
    pool = createEvaluationPool({
      config: new ConfigReader({
        compliance: {
          iac: { allowedRoots: [dir], maxBytes: 64 * 1024 * 1024 },
          evaluation: { isolation: { timeout: '1s' } },
        },
      }),
      policy: defaultPolicy,
      urlReader: {} as any,
      logger,
    })!;
    const names = ['a', 'b', 'c', 'hostile', 'd', 'e', 'f'];
    const entities = names.map(name =>
      environmentEntity(
        name,
        dir,
        name === 'hostile' ? 'hostile.json' : 'environment.yaml',
      ),
    );
    // A failure inside the worker (a time that is not a date) stays with its entity.
    const broken = { ...baseOf(entities[6]), now: 'today' as any };
    const outcomes = await Promise.allSettled(
      entities.map((entity, i) =>
        pool!.evaluate(entity, i === 6 ? broken : baseOf(entity)),
      ),
    );
    const byName = new Map(names.map((name, i) => [name, outcomes[i]]));

    const hostile = byName.get('hostile')!;
    expect(hostile.status).toBe('rejected');
    const reason = (hostile as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(EvaluationLimitError);
    expect(reason.message).toBe(
      'the evaluation took longer than the limit of 1 s',
    );

    expect(byName.get('f')).toMatchObject({ status: 'rejected' });
    expect(String((byName.get('f') as PromiseRejectedResult).reason)).toMatch(
      /TypeError: .*toISOString/,
    );

    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      const outcome = byName.get(name)!;
      expect(outcome.status).toBe('fulfilled');
      const { stored, sources } = (outcome as PromiseFulfilledResult<any>)
        .value;
      expect(stored).toMatchObject({
        entityRef: `resource:default/${name}`,
        inputHash: expect.any(String),
        body: expect.any(String),
      });
      expect(stored.controls.length).toBeGreaterThan(0);
      expect(sources).toContain('environment.yaml');
    }
    // One worker replaced, for the hostile entity only.
    expect(
      logger.warn.mock.calls.filter(([m]) => /worker replaced/.test(m)),
    ).toEqual([
      [
        'Compliance evaluation worker replaced: the evaluation took longer than the limit of 1 s',
      ],
    ]);
  });
});
