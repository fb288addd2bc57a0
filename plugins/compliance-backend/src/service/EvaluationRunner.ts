import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { createHash } from 'crypto';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATIONS,
  Assessment,
  Policy,
} from '@refarch/backstage-plugin-compliance-common';
import {
  DrComponent,
  EvaluationInput,
  computeInputHash,
  computePolicyHash,
  evaluateEntity,
} from '@refarch/backstage-plugin-compliance-node';
import { AssessmentStore } from '../store/AssessmentStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { WaiverStore } from '../store/WaiverStore';
import {
  AssessedEntityMeta,
  EvidenceRecord,
  StatusChange,
  WaiverRecord,
} from '../store/types';
import { EvaluationLimitError, EvaluationPool } from './EvaluationPool';
import { IacReader } from './IacReader';
import { catalogPages, withNeighbours } from './catalogPages';
import { inputFingerprint } from './inputFingerprint';
import type { LiveInputs } from '../live/LiveInputs';
import {
  ASSESSED_KINDS,
  ENTITY_FIELDS,
  asDrComponent,
  dependenciesOf,
  metaOf,
} from './entityInputs';

/** @public */
export interface PassStats {
  entities: number;
  evaluated: number;
  skipped: number;
  failed: number;
  removed: number;
  durationMs: number;
  /** Where the pass spent its time, in ms (summed over pages). */
  phases: PassPhases;
}

/** @public */
export interface PassPhases {
  /** Reading the catalog pages. */
  catalog: number;
  /** Neighbours, evidence, waivers and stored input hashes of each page. */
  context: number;
  /** Building inputs, comparing hashes, evaluating. */
  evaluate: number;
  /** Storing assessments (and notifying). */
  store: number;
  /** Forgetting removed entities, refreshing the fleet snapshots. */
  finish: number;
}

const phaseTimer = () => {
  const phases: PassPhases = {
    catalog: 0,
    context: 0,
    evaluate: 0,
    store: 0,
    finish: 0,
  };
  let last = performance.now();
  return {
    phases,
    /** Adds the time since the previous mark to `phase`. */
    mark(phase: keyof PassPhases) {
      const now = performance.now();
      phases[phase] += now - last;
      last = now;
    },
  };
};

/** Stable shard of an entity ref. */
export function shardOf(ref: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < ref.length; i++) h = (h * 31 + ref.charCodeAt(i)) | 0;
  return Math.abs(h) % shards;
}

interface PassContext {
  index: Map<string, Entity>;
  components: Map<string, DrComponent | undefined>;
  evidence: Map<string, EvidenceRecord[]>;
  waivers: Map<string, WaiverRecord[]>;
  now: Date;
  json: Map<string, string>;
}

/**
 * What a runner remembers of an entity from its last pass: one digest of its input's
 * fingerprint and the input hash it led to (22 characters, so 100,000 entities cost a few MB).
 */
function knownDigest(fingerprint: string, inputHash: string): string {
  return createHash('sha256')
    .update(fingerprint)
    .update('\u0000')
    .update(inputHash)
    .digest('base64')
    .slice(0, 22);
}

interface ToSave {
  assessment: Assessment;
  meta: AssessedEntityMeta;
  severities: Map<string, string>;
}

/** The input hashes the same as the stored one (an entity never stored is not unchanged). */
function unchanged(
  previous: string | undefined,
  input: EvaluationInput,
  policy: Policy,
): boolean {
  return previous !== undefined && previous === computeInputHash(input, policy);
}

/**
 * Keeps assessments up to date: a pass reads the catalog, builds each entity's evaluation
 * input, and evaluates only the entities whose input hash changed. One entity's failure is
 * logged and leaves its stored assessment untouched; it never stops the others.
 *
 * @public
 */
export class EvaluationRunner {
  /** Per shard, what its last pass on this runner saw of each entity. */
  private readonly known = new Map<number, Map<string, string>>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      assessments: AssessmentStore;
      evidence: EvidenceStore;
      waivers: WaiverStore;
      iac: IacReader;
      /**
       * Evaluates off the event loop, with time and memory limits per entity. Without it,
       * entities are evaluated on the calling thread (tests of the pass logic).
       */
      pool?: EvaluationPool;
      /** Deployed stacks (issue 18): live facts, and the deployed template for the verdict. */
      live?: LiveInputs;
      policy: Policy;
      onChanges?: (changes: StatusChange[]) => Promise<void>;
      clock?: () => Date;
    },
  ) {}

  /**
   * The context of evaluating `entities` (one page): the entities their evaluation reaches
   * across the catalog, and their evidence and waivers, read for this page only.
   */
  private async context(
    entities: Entity[],
    credentials: BackstageCredentials,
    now: Date,
  ): Promise<PassContext> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const [index, evidence, waivers] = await Promise.all([
      withNeighbours(this.deps.catalog, credentials, entities),
      this.deps.evidence.listByEntity(refs),
      this.deps.waivers.approvedByEntity(undefined, refs),
    ]);
    return {
      index,
      components: new Map(),
      evidence,
      waivers,
      now,
      json: new Map(),
    };
  }

  /** With `inWorker`, the CloudFormation is left out: the worker reads it. */
  private async buildInput(
    entity: Entity,
    ctx: PassContext,
    inWorker = false,
  ): Promise<EvaluationInput> {
    const ref = stringifyEntityRef(entity);
    const component = (e: Entity) => {
      const key = stringifyEntityRef(e);
      if (!ctx.components.has(key)) ctx.components.set(key, asDrComponent(e));
      return ctx.components.get(key);
    };
    const dependencies = dependenciesOf(entity, ctx.index).map(
      d => component(ctx.index.get(d.name)!) ?? d,
    );
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
  private async assess(
    entities: Entity[],
    ctx: PassContext,
    hashes: Map<string, string> | undefined,
  ): Promise<{
    toSave: ToSave[];
    skipped: number;
    failed: number;
    /** Refs of the entities whose input hash was unchanged. */
    unchangedRefs: string[];
  }> {
    const { policy, logger } = this.deps;
    const severities = new Map(policy.controls.map(c => [c.id, c.severity]));
    const toSave: ToSave[] = [];
    let skipped = 0;
    let failed = 0;
    const unchangedRefs: string[] = [];
    const { pool } = this.deps;
    if (pool) {
      const results = await this.evaluateInPool(pool, entities, ctx, hashes);
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
        } else
          toSave.push({
            assessment: result,
            meta: metaOf(entity, ctx.index),
            severities,
          });
      }
    }
    for (const entity of pool ? [] : entities) {
      const ref = stringifyEntityRef(entity);
      try {
        const input = await this.buildInput(entity, ctx);
        if (unchanged(hashes?.get(ref), input, policy)) {
          skipped++;
          unchangedRefs.push(ref);
          continue;
        }
        toSave.push({
          assessment: evaluateEntity(input, policy),
          meta: metaOf(entity, ctx.index),
          severities,
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
    return { toSave, skipped, failed, unchangedRefs };
  }

  /** Stores assessments (one transaction per batch) and notifies their status changes. */
  private async store(toSave: ToSave[]): Promise<void> {
    const { logger } = this.deps;
    let changes: StatusChange[] = [];
    try {
      changes = await this.deps.assessments.save(toSave);
    } catch (e) {
      // Database errors carry the whole statement; log the cause, not 100 kB of SQL.
      const message = e instanceof Error ? e.message.slice(-300) : String(e);
      throw new Error(
        `Storing ${toSave.length} assessments failed; stored assessments are unchanged: …${message}`,
      );
    }
    if (changes.length && this.deps.onChanges) {
      await this.deps
        .onChanges(changes)
        .catch(e =>
          logger.warn(`Compliance notifications failed: ${stringifyError(e)}`),
        );
    }
  }

  /**
   * Evaluates in the worker pool, as many at a time as it has workers. An entity over a
   * limit (time, memory) is assessed as `error` with the reason, from its other inputs.
   * Entities with a live stack are evaluated here: the live inputs are read on this thread.
   */
  private async evaluateInPool(
    pool: EvaluationPool,
    entities: Entity[],
    ctx: PassContext,
    hashes: Map<string, string> | undefined,
  ): Promise<Array<[Entity, Assessment | 'skipped' | Error]>> {
    const { policy } = this.deps;
    const results: Array<[Entity, Assessment | 'skipped' | Error]> = [];
    let next = 0;
    const lane = async () => {
      while (next < entities.length) {
        const entity = entities[next++];
        const ref = stringifyEntityRef(entity);
        const annotations = entity.metadata.annotations ?? {};
        try {
          if (this.deps.live && annotations[ANNOTATIONS.cloudformationStack]) {
            const input = await this.buildInput(entity, ctx);
            results.push([
              entity,
              unchanged(hashes?.get(ref), input, policy)
                ? 'skipped'
                : evaluateEntity(input, policy),
            ]);
            continue;
          }
          const { iac: _none, ...base } = await this.buildInput(
            entity,
            ctx,
            true,
          );
          // Without a template the worker would read nothing: its input is this one, so an
          // unchanged entity is known here, without a round trip to the worker.
          if (
            !annotations[ANNOTATIONS.cloudformation] &&
            unchanged(hashes?.get(ref), { ...base, iac: undefined }, policy)
          ) {
            results.push([entity, 'skipped']);
            continue;
          }
          try {
            const assessment = await pool.evaluate(
              entity,
              base,
              hashes?.get(ref),
            );
            results.push([entity, assessment ?? 'skipped']);
          } catch (e) {
            if (!(e instanceof EvaluationLimitError)) throw e;
            const source = annotations[ANNOTATIONS.cloudformation] ?? '';
            results.push([
              entity,
              evaluateEntity(
                { ...base, iac: { error: e.message, source } },
                policy,
              ),
            ]);
          }
        } catch (e) {
          results.push([entity, e instanceof Error ? e : new Error(String(e))]);
        }
      }
    };
    await Promise.all(Array.from({ length: pool.size }, lane));
    return results;
  }

  /**
   * One scheduled pass over the entities of one shard. The catalog is read a page at a time,
   * each page evaluated and stored before the next is read, so memory depends on the page
   * size, not on the catalog's (only the refs seen are kept, for forgetting removed entities).
   */
  async runPass(
    options: { shard?: number; shards?: number; force?: boolean } = {},
  ): Promise<PassStats> {
    const started = Date.now();
    const { shard = 0, shards = 1 } = options;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const now = this.deps.clock?.() ?? new Date();
    // The first shard also forgets entities that left the catalog.
    const seen = shard === 0 ? new Set<string>() : undefined;
    const totals = { entities: 0, evaluated: 0, skipped: 0, failed: 0 };
    const timer = phaseTimer();
    const policyHash = computePolicyHash(this.deps.policy);
    // Fingerprints of this shard's last pass; replaced by this pass's when it completes.
    const known = this.known.get(shard);
    const nextKnown = new Map<string, string>();
    // A page is written while the next one is read and evaluated: the database works while
    // this thread evaluates, and at most two pages are held at once.
    let storing: Promise<void> = Promise.resolve();
    // With several shards, each page is read as refs and only this shard's entities in full.
    const pages = catalogPages(this.deps.catalog, credentials, {
      take: shards > 1 ? ref => shardOf(ref, shards) === shard : undefined,
    });
    for await (const page of pages) {
      timer.mark('catalog');
      if (seen) for (const ref of page.refs) seen.add(ref);
      const mine = page.entities;
      if (!mine.length) continue;
      // The context and the stored hashes are read at the same time.
      const [ctx, hashes] = await Promise.all([
        this.context(mine, credentials, now),
        options.force
          ? undefined
          : this.deps.assessments.getInputHashes(
              mine.map(e => stringifyEntityRef(e)),
            ),
      ]);
      timer.mark('context');
      // An entity whose input would be built from what it was built from in this runner's
      // last pass, into the hash that is still stored, is unchanged without building it.
      const fingerprints = new Map<string, string>();
      const toAssess: Entity[] = [];
      let recognised = 0;
      for (const entity of mine) {
        const ref = stringifyEntityRef(entity);
        const fingerprint = inputFingerprint(entity, ctx, policyHash);
        if (fingerprint) fingerprints.set(ref, fingerprint);
        const last = known?.get(ref);
        const stored = hashes?.get(ref);
        if (
          last &&
          fingerprint &&
          stored !== undefined &&
          last === knownDigest(fingerprint, stored)
        ) {
          nextKnown.set(ref, last);
          recognised++;
        } else toAssess.push(entity);
      }
      const { toSave, skipped, failed, unchangedRefs } = await this.assess(
        toAssess,
        ctx,
        hashes,
      );
      const remember = (ref: string, inputHash: string | undefined) => {
        const fingerprint = fingerprints.get(ref);
        if (fingerprint && inputHash)
          nextKnown.set(ref, knownDigest(fingerprint, inputHash));
      };
      for (const ref of unchangedRefs) remember(ref, hashes?.get(ref));
      for (const { assessment } of toSave)
        remember(assessment.entityRef, assessment.inputHash);
      timer.mark('evaluate');
      // Throws when the previous page could not be stored: the pass stops there.
      await storing;
      timer.mark('store');
      if (toSave.length) {
        storing = this.store(toSave);
        // Awaited before the next write or at the end; never an unhandled rejection.
        storing.catch(() => {});
      }
      totals.entities += mine.length;
      totals.evaluated += toSave.length;
      totals.skipped += skipped + recognised;
      totals.failed += failed;
    }
    timer.mark('catalog');
    await storing;
    timer.mark('store');
    this.known.set(shard, nextKnown);
    const removed = seen ? await this.deps.assessments.retain(seen) : 0;
    // Requests after the pass read the fleet-wide aggregates instead of scanning for them.
    await this.deps.assessments.refreshSnapshots();
    timer.mark('finish');
    const stats = {
      ...totals,
      removed,
      durationMs: Date.now() - started,
      phases: timer.phases,
    };
    const { evaluated, skipped, failed } = totals;
    this.deps.logger.info(
      `Compliance pass shard ${
        shard + 1
      }/${shards}: ${evaluated} evaluated, ${skipped} unchanged, ${failed} failed, ${removed} removed in ${
        stats.durationMs
      } ms (${Object.entries(timer.phases)
        .map(([phase, ms]) => `${phase} ${Math.round(ms)}`)
        .join(', ')} ms)`,
    );
    return stats;
  }

  /**
   * Re-evaluates one entity now (new evidence, a waiver decision): reads it and what its
   * context reaches by ref, never the whole catalog.
   */
  async evaluateOne(entityRef: string): Promise<Assessment | undefined> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const {
      items: [entity],
    } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: [entityRef], fields: ENTITY_FIELDS },
      { credentials },
    );
    if (!entity || !ASSESSED_KINDS.includes(entity.kind)) return undefined;
    const now = this.deps.clock?.() ?? new Date();
    const ctx = await this.context([entity], credentials, now);
    const { toSave } = await this.assess([entity], ctx, undefined);
    await this.store(toSave);
    return toSave[0]?.assessment;
  }
}
