import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import {
  ANNOTATIONS,
  Assessment,
  Policy,
} from '@refarch/backstage-plugin-compliance-common';
import {
  DrComponent,
  EvaluationInput,
  computeInputHash,
  evaluateEntity,
} from '@refarch/backstage-plugin-compliance-node';
import type { LiveInputs } from '../live/LiveInputs';
import {
  AssessedEntityMeta,
  EvidenceRecord,
  WaiverRecord,
} from '../store/types';
import { StorableAssessment, toStorable } from '../store/toStorable';
import { EvaluationLimitError, EvaluationPool } from './EvaluationPool';
import { IacReader } from './IacReader';
import { asDrComponent, dependenciesOf, metaOf } from './entityInputs';

/** What evaluating one page of a pass reads once and shares. @internal */
export interface PassContext {
  index: Map<string, Entity>;
  components: Map<string, DrComponent | undefined>;
  evidence: Map<string, EvidenceRecord[]>;
  waivers: Map<string, WaiverRecord[]>;
  now: Date;
  json: Map<string, string>;
}

/** An assessment ready to store. @internal */
export interface ToSave {
  stored: StorableAssessment;
  meta: AssessedEntityMeta;
  /** The assessment itself, when it was evaluated on this thread. */
  assessment?: Assessment;
}

/**
 * The longest stretch of evaluations on the pass's thread before the event loop runs (the
 * backend's requests wait at most about this long for a pass).
 */
const SLICE_MS = 5;

/** An evaluated entity's storable assessment (with the assessment when evaluated here). */
type Evaluated = Omit<ToSave, 'meta'>;

/** The input hashes the same as the stored one (an entity never stored is not unchanged). */
function unchanged(
  previous: string | undefined,
  input: EvaluationInput,
  policy: Policy,
): boolean {
  return previous !== undefined && previous === computeInputHash(input, policy);
}

/**
 * Evaluates one page of entities: builds each one's evaluation input from the page's
 * context, skips those whose input hashes the same as the stored one, and evaluates the
 * rest in the worker pool (or on this thread without one). One entity's failure is counted
 * and logged; it never stops the others.
 *
 * @internal
 */
export class PageAssessor {
  constructor(
    private readonly deps: {
      logger: LoggerService;
      iac: IacReader;
      /**
       * Evaluates off the event loop, with time and memory limits per entity. Without it,
       * entities are evaluated on the calling thread (tests of the pass logic).
       */
      pool?: EvaluationPool;
      /** Deployed stacks (issue 18): live facts, and the deployed template for the verdict. */
      live?: LiveInputs;
      policy: Policy;
    },
  ) {}

  /** With `inWorker`, the CloudFormation is left out: the worker reads it. */
  private async buildInput(
    entity: Entity,
    ctx: PassContext,
    inWorker = false,
  ): Promise<EvaluationInput> {
    const ref = stringifyEntityRef(entity);
    // A page's entities share dependencies (a system's parts): each is read once per page.
    const component = (key: string, target: Entity) => {
      if (!ctx.components.has(key))
        ctx.components.set(key, asDrComponent(target));
      return ctx.components.get(key);
    };
    const dependencies = dependenciesOf(entity, ctx.index, component);
    const iac = inWorker ? undefined : await this.deps.iac.read(entity);
    const live = await this.deps.live?.forEntity(entity, iac);
    return {
      entity: {
        ref,
        kind: entity.kind,
        name: entity.metadata.name,
        type:
          typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
        annotations: entity.metadata.annotations ?? {},
      },
      iac: live?.iac ?? iac,
      repositoryIac: live?.repositoryIac,
      liveFacts: live?.liveFacts,
      evidence: (ctx.evidence.get(ref) ?? []).map(e => ({
        id: e.id,
        kind: e.kind,
        performedAt: e.performedAt,
        result: e.result,
      })),
      waivers: (ctx.waivers.get(ref) ?? []).map(w => ({
        id: w.id,
        controlId: w.controlId,
        justification: w.justification,
        expiresAt: w.expiresAt,
        approvedBy: w.decidedBy,
      })),
      dependencies,
      now: ctx.now,
    };
  }

  /** Evaluates `entities` whose input changed; nothing is stored yet. */
  async assess(
    entities: Entity[],
    ctx: PassContext,
    hashes: Map<string, string> | undefined,
  ): Promise<{
    toSave: ToSave[];
    skipped: number;
    failed: number;
    /** Refs of the entities whose input hash was unchanged. */
    unchangedRefs: string[];
    /** By ref, the files each entity's template was read from (IacReader.sourcesOf). */
    sources: Map<string, string>;
  }> {
    const { policy, logger } = this.deps;
    const toSave: ToSave[] = [];
    let skipped = 0;
    let failed = 0;
    const unchangedRefs: string[] = [];
    const sources = new Map<string, string>();
    const { pool } = this.deps;
    if (pool) {
      const results = await this.evaluateInPool(
        pool,
        entities,
        ctx,
        hashes,
        sources,
      );
      for (const [entity, result] of results) {
        if (result === 'skipped') {
          skipped++;
          unchangedRefs.push(stringifyEntityRef(entity));
        } else if (result instanceof Error) {
          failed++;
          logger.warn(
            `Compliance evaluation of ${stringifyEntityRef(
              entity,
            )} failed; its previous assessment is kept: ${stringifyError(
              result,
            )}`,
          );
        } else toSave.push({ ...result, meta: metaOf(entity, ctx.index) });
      }
    }
    for (const entity of pool ? [] : entities) {
      const ref = stringifyEntityRef(entity);
      try {
        const input = await this.buildInput(entity, ctx);
        const read = input.iac && this.deps.iac.sourcesOf(entity);
        if (read) sources.set(ref, read);
        if (unchanged(hashes?.get(ref), input, policy)) {
          skipped++;
          unchangedRefs.push(ref);
          continue;
        }
        const assessment = evaluateEntity(input, policy);
        toSave.push({
          stored: toStorable(assessment),
          meta: metaOf(entity, ctx.index),
          assessment,
        });
      } catch (e) {
        failed++;
        logger.warn(
          `Compliance evaluation of ${ref} failed; its previous assessment is kept: ${stringifyError(
            e,
          )}`,
        );
      }
    }
    return { toSave, skipped, failed, unchangedRefs, sources };
  }

  /**
   * Evaluates entities with a CloudFormation template in the worker pool, which sends the
   * entities waiting for a worker in batches; an entity over a limit (time, memory) is
   * assessed as `error` with the reason, from its other inputs. A template is the input
   * that can take long or much memory (it is parsed, resolved and analysed); without one,
   * the input is the entity's annotations, evidence, waivers and dependencies, and its
   * evaluation (about 50-100 µs) is done on this thread, in slices of a few milliseconds
   * between which the event loop runs (issue 19: cloning each such input to the worker and
   * its stored form back cost more than evaluating it). Entities with a live stack are
   * evaluated here too: the live inputs are read on this thread.
   */
  private async evaluateInPool(
    pool: EvaluationPool,
    entities: Entity[],
    ctx: PassContext,
    hashes: Map<string, string> | undefined,
    sources: Map<string, string>,
  ): Promise<Array<[Entity, Evaluated | 'skipped' | Error]>> {
    const { policy } = this.deps;
    const here = (assessment: Assessment): Evaluated => ({
      stored: toStorable(assessment),
      assessment,
    });
    const asError = (e: unknown) =>
      e instanceof Error ? e : new Error(String(e));
    const out: Array<[Entity, Evaluated | 'skipped' | Error]> = entities.map(
      entity => [entity, 'skipped'],
    );
    /** Inputs of entities without a template, evaluated here once the page is sent. */
    const local: Array<{ at: number; input: EvaluationInput }> = [];
    const pooled: Array<Promise<void>> = [];
    // All of the page at once: the pool sends the entities that wait together to a worker.
    await Promise.all(
      entities.map(async (entity, at) => {
        const ref = stringifyEntityRef(entity);
        const annotations = entity.metadata.annotations ?? {};
        try {
          if (this.deps.live && annotations[ANNOTATIONS.cloudformationStack]) {
            const input = await this.buildInput(entity, ctx);
            out[at][1] = unchanged(hashes?.get(ref), input, policy)
              ? 'skipped'
              : here(evaluateEntity(input, policy));
            return;
          }
          const { iac: _none, ...base } = await this.buildInput(
            entity,
            ctx,
            true,
          );
          // Without a template the worker would read nothing: its input is this one.
          if (!annotations[ANNOTATIONS.cloudformation]) {
            const input = { ...base, iac: undefined };
            if (!unchanged(hashes?.get(ref), input, policy))
              local.push({ at, input });
            return;
          }
          pooled.push(
            pool.evaluate(entity, base, hashes?.get(ref)).then(
              outcome => {
                if (outcome.sources) sources.set(ref, outcome.sources);
                out[at][1] = outcome.stored
                  ? { stored: outcome.stored }
                  : 'skipped';
              },
              e => {
                if (!(e instanceof EvaluationLimitError)) {
                  out[at][1] = asError(e);
                  return;
                }
                const source = annotations[ANNOTATIONS.cloudformation] ?? '';
                try {
                  out[at][1] = here(
                    evaluateEntity(
                      { ...base, iac: { error: e.message, source } },
                      policy,
                    ),
                  );
                } catch (error) {
                  out[at][1] = asError(error);
                }
              },
            ),
          );
        } catch (e) {
          out[at][1] = asError(e);
        }
      }),
    );
    // While the worker evaluates the templates, this thread evaluates the others.
    let slice = performance.now();
    for (const { at, input } of local) {
      if (performance.now() - slice > SLICE_MS) {
        await new Promise(resolve => setImmediate(resolve));
        slice = performance.now();
      }
      try {
        // Only the stored form is kept: the page's assessments wait for the write.
        out[at][1] = {
          stored: toStorable(evaluateEntity(input, policy)),
        };
      } catch (e) {
        out[at][1] = asError(e);
      }
    }
    await Promise.all(pooled);
    return out;
  }
}
