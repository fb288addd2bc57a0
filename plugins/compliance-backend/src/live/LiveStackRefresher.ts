import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATIONS } from '@refarch/backstage-plugin-compliance-common';
import { BudgetExhaustedError, CallBudget, RetryOptions } from './CallBudget';
import { LiveStackReader, LiveStackRead } from './LiveStackReader';
import { LiveStackStore } from './LiveStackStore';

/** What one read pass did. @public */
export interface LiveReadStats {
  stacks: number;
  /** Read, successfully or with an AWS error code stored on the entity. */
  read: number;
  /** Of those read, how many carry an error (AccessDenied, StackNotFound…). */
  errors: number;
  /** Left for the next pass: the call budget was spent. */
  skipped: number;
  calls: number;
  retries: number;
  durationMs: number;
}

/** @public */
export interface LiveLimits {
  maxCallsPerPass: number;
  maxRetriesPerPass: number;
  concurrency: number;
  retry: RetryOptions;
}

/**
 * The read pass: for every entity with a `refarch.dev/cloudformation-stack`, reads the
 * deployed stack (least recently read first) until the pass's call budget is spent, and
 * stores what it saw. Stacks beyond the budget wait for the next pass.
 *
 * @public
 */
export class LiveStackRefresher {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      store: LiveStackStore;
      reader: LiveStackReader;
      limits: LiveLimits;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'compliance-live-stacks',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.runPass();
      },
    });
  }

  private async stacksInCatalog(): Promise<Map<string, string>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATIONS.cloudformationStack}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          `metadata.annotations.${ANNOTATIONS.cloudformationStack}`,
        ],
      },
      { credentials },
    );
    return new Map(
      items.map(e => [
        stringifyEntityRef(e),
        e.metadata.annotations![ANNOTATIONS.cloudformationStack].trim(),
      ]),
    );
  }

  async runPass(): Promise<LiveReadStats> {
    const started = Date.now();
    const { store, reader, limits, logger } = this.deps;
    await store.sync(await this.stacksInCatalog());
    const records = await store.listForRead();
    const budget = new CallBudget({
      maxCalls: limits.maxCallsPerPass,
      maxRetries: limits.maxRetriesPerPass,
      retry: limits.retry,
      sleep: this.deps.sleep,
    });
    const pending: Array<LiveStackRead & { entityRef: string }> = [];
    let read = 0;
    let errors = 0;
    let skipped = 0;
    let next = 0;
    const flush = async () => {
      if (pending.length) await store.saveSnapshots(pending.splice(0));
    };
    const worker = async () => {
      while (next < records.length) {
        const record = records[next++];
        if (budget.remaining === 0) {
          skipped++;
          continue;
        }
        try {
          const r = await reader.read(record.stackArn, budget, record.snapshot);
          read++;
          if (r.snapshot.error) errors++;
          pending.push({ entityRef: record.entityRef, ...r });
          if (pending.length >= 200) await flush();
        } catch (e) {
          if (!(e instanceof BudgetExhaustedError)) throw e;
          skipped++;
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, limits.concurrency) }, worker),
    );
    await flush();
    const stats: LiveReadStats = {
      stacks: records.length,
      read,
      errors,
      skipped,
      calls: budget.calls,
      retries: budget.retries,
      durationMs: Date.now() - started,
    };
    logger.info(
      `Live stacks pass: ${read} of ${records.length} stacks read (${errors} with an AWS error), ${skipped} skipped for the next pass, ${budget.calls} calls, ${budget.retries} throttling retries in ${stats.durationMs} ms`,
    );
    return stats;
  }
}
