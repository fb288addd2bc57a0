import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ANNOTATIONS, Fact } from '@refarch/backstage-plugin-compliance-common';
import { TemplateInput } from '@refarch/backstage-plugin-compliance-node';
import { IacResult } from '../service/IacReader';
import { LiveStackStore } from './LiveStackStore';
import { liveFactsOf } from './liveFacts';
import {
  LiveTemplate,
  buildLiveTemplate,
  liveObservedAt,
  overlayDrift,
} from './liveTemplate';
import { LiveStackRecord } from './types';

/** What a deployed stack adds to an entity's evaluation input. @public */
export interface LiveEntityInput {
  /** The deployed template (processed, actual parameters, drift applied) when readable. */
  iac?: IacResult;
  /** The repository's template, when `iac` is the deployed one: judged to show disagreements. */
  repositoryIac?: TemplateInput;
  liveFacts: Fact[];
}

interface Built {
  key: string;
  live?: LiveTemplate;
  differences?: string[];
}

/**
 * Gives the evaluation runner each entity's live facts and deployed template from what
 * the read pass and the drift job stored. Reads the store at most every `refreshMs` and
 * then only the stacks whose version changed, and analyses a deployed template once per
 * version, so an idle evaluation pass costs one small query.
 *
 * @public
 */
export class LiveInputs {
  private records = new Map<string, LiveStackRecord>();
  private bodies = new Map<string, string>();
  private built = new Map<string, Built>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly options: {
      store: LiveStackStore;
      logger: LoggerService;
      stuckAfterMs: number;
      refreshMs?: number;
      clock?: () => Date;
    },
  ) {}

  private async refresh(): Promise<void> {
    const now = Date.now();
    if (now - this.loadedAt < (this.options.refreshMs ?? 5000)) return;
    this.loading ??= (async () => {
      const versions = await this.options.store.versions();
      const changed = [...versions]
        .filter(([ref, v]) => this.records.get(ref)?.version !== v)
        .map(([ref]) => ref);
      for (const ref of this.records.keys())
        if (!versions.has(ref)) this.records.delete(ref);
      if (changed.length) {
        const records = await this.options.store.get(changed);
        const missing = records
          .map(r => r.snapshot?.templateHash)
          .filter((h): h is string => !!h && !this.bodies.has(h));
        const bodies = await this.options.store.getTemplates(missing);
        for (const [h, b] of bodies) this.bodies.set(h, b);
        for (const r of records) this.records.set(r.entityRef, r);
      }
      this.loadedAt = Date.now();
    })().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  async forEntity(
    entity: Entity,
    iac: IacResult | undefined,
  ): Promise<LiveEntityInput | undefined> {
    const arn = entity.metadata.annotations?.[ANNOTATIONS.cloudformationStack];
    if (!arn) return undefined;
    try {
      await this.refresh();
    } catch (e) {
      this.options.logger.warn(`Live stacks could not be loaded: ${e}`);
    }
    const ref = stringifyEntityRef(entity);
    const record = this.records.get(ref);
    const snapshot = record?.snapshot;
    if (!record || !snapshot || record.stackArn !== arn.trim())
      return undefined;
    const repository = iac && 'template' in iac ? iac.template : undefined;
    let built: Built | undefined;
    const body =
      snapshot.templateHash && this.bodies.get(snapshot.templateHash);
    if (!snapshot.error && body) {
      const key = `${record.version}/${
        iac && 'contentHash' in iac ? iac.contentHash : ''
      }`;
      built = this.built.get(ref);
      if (built?.key !== key) {
        built = {
          key,
          ...buildLiveTemplate(body, snapshot, record.drift, repository),
        };
        this.built.set(ref, built);
      }
    }
    const liveFacts = liveFactsOf(snapshot, record.drift, {
      now: this.options.clock?.() ?? new Date(),
      stuckAfterMs: this.options.stuckAfterMs,
      matchesRepository:
        built?.differences === undefined
          ? undefined
          : built.differences.length === 0,
    });
    // Live wins for the verdict: controls judge the deployed template when it is readable,
    // otherwise the repository's with the drifted properties' actual values.
    const repositoryIac = iac && 'template' in iac ? iac : undefined;
    if (built?.live && 'template' in built.live)
      return { iac: built.live, repositoryIac, liveFacts };
    if (repositoryIac && record.drift?.resources.length)
      return {
        iac: {
          ...repositoryIac,
          template: overlayDrift(repositoryIac.template, record.drift),
          contentHash: `${repositoryIac.contentHash}+drift:${record.version}`,
          source: `deployed stack ${snapshot.stackName} (${snapshot.stackArn}), drifted resources over ${repositoryIac.source}`,
          provenance: 'live',
          observedAt: liveObservedAt(snapshot, record.drift),
        },
        repositoryIac,
        liveFacts,
      };
    return { liveFacts };
  }
}
