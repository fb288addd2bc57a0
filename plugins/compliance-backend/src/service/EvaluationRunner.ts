import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATIONS,
  Assessment,
  Policy,
} from '@refarch/backstage-plugin-compliance-common';
import { computePolicyHash } from '@refarch/backstage-plugin-compliance-node';
import { AssessmentStore } from '../store/AssessmentStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { WaiverStore } from '../store/WaiverStore';
import { StatusChange } from '../store/types';
import { EvaluationPool } from './EvaluationPool';
import { IacReader } from './IacReader';
import { KnownInputs, PassStamp } from './KnownInputs';
import { PageAssessor, PassContext, ToSave } from './PageAssessor';
import { catalogPages, withNeighbours } from './catalogPages';
import { ASSESSED_KINDS, ENTITY_FIELDS, metaOf } from './entityInputs';
import { metaKey } from '../store/fleetRows';
import {
  PassWriteTally,
  onlyOwnWrites,
  passWriter,
} from '../store/WriteCounters';
import { factsFingerprint, inputFingerprint } from './inputFingerprint';
import type { LiveInputs } from '../live/LiveInputs';
import { PassStats, phaseTimer } from './passPhases';

export type { PassPhases, PassStats } from './passPhases';

/**
 * The stored input hashes an entity may be skipped by: those whose catalog facts (owner,
 * system, domain...) are still the stored ones. An entity that moved is evaluated and stored
 * again although its evaluation input is the same, so the fleet's owner and domain columns
 * follow the catalog.
 */
function storedHashes(
  refs: string[],
  metaKeys: ReadonlyMap<string, string>,
  stored: Map<string, { inputHash: string; metaKey: string }>,
): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const ref of refs) {
    const row = stored.get(ref);
    if (row && row.metaKey === metaKeys.get(ref))
      hashes.set(ref, row.inputHash);
  }
  return hashes;
}

/** Stable shard of an entity ref. */
export function shardOf(ref: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < ref.length; i++) h = (h * 31 + ref.charCodeAt(i)) | 0;
  return Math.abs(h) % shards;
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
  private readonly known = new KnownInputs();
  private readonly assessor: PageAssessor;

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
  ) {
    this.assessor = new PageAssessor(deps);
  }

  /**
   * The context of evaluating `entities` (one page): the entities their evaluation reaches
   * across the catalog, and their evidence and waivers, read for this page only (without
   * `withFacts`, none yet: see {@link EvaluationRunner.readFacts}).
   */
  private async context(
    entities: Entity[],
    refs: string[],
    credentials: BackstageCredentials,
    now: Date,
    withFacts = true,
  ): Promise<PassContext> {
    const ctx: PassContext = {
      index: new Map(),
      components: new Map(),
      evidence: new Map(),
      waivers: new Map(),
      now,
      json: new Map(),
    };
    const [index] = await Promise.all([
      withNeighbours(this.deps.catalog, credentials, entities, refs),
      withFacts ? this.readFacts(refs, ctx) : undefined,
    ]);
    ctx.index = index;
    return ctx;
  }

  /** Reads the evidence and the approved waivers of the entities `refs` into `ctx`. */
  private async readFacts(refs: string[], ctx: PassContext): Promise<void> {
    const [evidence, waivers] = await Promise.all([
      this.deps.evidence.listByEntity(refs),
      this.deps.waivers.approvedByEntity(ctx.now, refs),
    ]);
    for (const [ref, rows] of evidence) ctx.evidence.set(ref, rows);
    for (const [ref, rows] of waivers) ctx.waivers.set(ref, rows);
  }

  /** The evidence and waiver write counters, as one text. */
  private async writeCounters(): Promise<string> {
    const [evidence, waivers] = await Promise.all([
      this.deps.evidence.writes(),
      this.deps.waivers.writes(),
    ]);
    return `${evidence}/${waivers}`;
  }

  /**
   * No evidence or waiver changed since the shard's last pass (`last`): the write counters
   * are where that pass found them before its first page, it is the same UTC day, and no
   * approved waiver expired in between. Such a pass reads evidence and waivers only for the
   * entities it does not recognise (issue 19): in an idle pass, none.
   */
  private async factsUnchanged(
    last: PassStamp | undefined,
    writes: string,
    now: Date,
  ): Promise<boolean> {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    if (!last || last.writes !== writes || now < last.now) return false;
    if (day(now) !== day(last.now)) return false;
    return !(await this.deps.waivers.anyExpiring(last.now, now));
  }

  /**
   * Stores assessments (one transaction per batch) and notifies their status changes; a
   * pass counts its writes on `tally`.
   */
  private async store(toSave: ToSave[], tally?: PassWriteTally): Promise<void> {
    const { logger } = this.deps;
    let changes: StatusChange[] = [];
    try {
      changes = await this.deps.assessments.save(toSave, tally);
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
    // What this shard's last pass saw; replaced by this pass's when it completes.
    const recognition = this.known.begin(shard);
    // Read before the first page: a write after it is seen by the next pass.
    const [writes, assessmentWrites] = await Promise.all([
      this.writeCounters(),
      this.deps.assessments.passWrites(),
    ]);
    const quiet =
      !options.force &&
      (await this.factsUnchanged(recognition.last, writes, now));
    const tally: PassWriteTally = {
      writer: passWriter(shards, shard),
      writes: 0,
    };
    // No one but this shard's passes on this runner wrote an assessment since the last one
    // started: the input hashes it saw stored or stored itself are the stored ones, and an
    // entity it recognises needs no read of its stored hash (issue 19).
    const last = recognition.last?.assessmentWrites;
    const hashesRemembered =
      quiet &&
      last !== undefined &&
      last.tally.writer === tally.writer &&
      onlyOwnWrites(
        last.counts,
        assessmentWrites,
        tally.writer,
        last.tally.writes,
      );
    if (hashesRemembered) recognition.storedHashesRemembered();
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
      const { entities: mine, entityRefs: refs } = page;
      if (!mine.length) continue;
      // The context and the stored inputs are read at the same time.
      const [ctx, stored] = await Promise.all([
        this.context(mine, refs, credentials, now, !quiet),
        options.force || hashesRemembered
          ? undefined
          : this.deps.assessments.getStoredInputs(refs),
      ]);
      const metaKeys = new Map<string, string>();
      for (let i = 0; i < mine.length; i++)
        metaKeys.set(refs[i], metaKey(metaOf(mine[i], ctx.index)));
      let hashes = stored && storedHashes(refs, metaKeys, stored);
      timer.mark('context');
      // An entity whose input would be built from what it was built from in this runner's
      // last pass, into the hash that is still stored, is unchanged without building it.
      const fingerprints = new Map<string, string>();
      const toAssess: Entity[] = [];
      const toAssessRefs: string[] = [];
      let recognised = 0;
      for (let i = 0; i < mine.length; i++) {
        const entity = mine[i];
        const ref = refs[i];
        const fingerprint = inputFingerprint(
          entity,
          ctx,
          policyHash,
          metaKeys.get(ref)!,
        );
        if (fingerprint) fingerprints.set(ref, fingerprint);
        // In a quiet pass, the facts are those the last pass saw.
        const facts = quiet ? undefined : factsFingerprint(ref, ctx);
        // An entity with a template: also the files it was read from must be unchanged.
        const sourcesCurrent = entity.metadata.annotations?.[
          ANNOTATIONS.cloudformation
        ]
          ? (sources: string) => this.deps.iac.sourcesCurrent(entity, sources)
          : undefined;
        if (
          recognition.recognise(
            ref,
            fingerprint,
            facts,
            hashes?.get(ref),
            sourcesCurrent,
          )
        )
          recognised++;
        else {
          toAssess.push(entity);
          toAssessRefs.push(ref);
        }
      }
      if (quiet && toAssess.length) {
        timer.mark('evaluate');
        await Promise.all([
          this.readFacts(toAssessRefs, ctx),
          hashesRemembered &&
            this.deps.assessments.getStoredInputs(toAssessRefs).then(rows => {
              hashes = storedHashes(toAssessRefs, metaKeys, rows);
            }),
        ]);
        timer.mark('context');
      }
      const { toSave, skipped, failed, unchangedRefs, sources } =
        await this.assessor.assess(toAssess, ctx, hashes);
      const remember = (ref: string, inputHash: string | undefined) => {
        const fingerprint = fingerprints.get(ref);
        if (fingerprint && inputHash)
          recognition.remember(
            ref,
            fingerprint,
            factsFingerprint(ref, ctx),
            inputHash,
            sources.get(ref),
          );
      };
      for (const ref of unchangedRefs) remember(ref, hashes?.get(ref));
      for (const { stored: row } of toSave)
        remember(row.entityRef, row.inputHash);
      timer.mark('evaluate');
      // Throws when the previous page could not be stored: the pass stops there.
      await storing;
      timer.mark('store');
      if (toSave.length) {
        storing = this.store(toSave, tally);
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
    recognition.complete({
      writes,
      now,
      assessmentWrites: { counts: assessmentWrites, tally },
    });
    const removed = seen ? await this.deps.assessments.retain(seen) : 0;
    // Requests after the pass read the fleet-wide aggregates instead of scanning for them.
    await this.deps.assessments.aggregates.refresh();
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
    const ctx = await this.context(
      [entity],
      [stringifyEntityRef(entity)],
      credentials,
      now,
    );
    const { toSave } = await this.assessor.assess([entity], ctx, undefined);
    await this.store(toSave);
    if (!toSave.length) return undefined;
    // Evaluated in a worker, it came back in its stored form: read as the store serves it.
    return (
      toSave[0].assessment ??
      this.deps.assessments.get(toSave[0].stored.entityRef)
    );
  }
}
