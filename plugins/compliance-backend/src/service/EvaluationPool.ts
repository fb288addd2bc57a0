import {
  LifecycleService,
  LoggerService,
  UrlReaderService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import {
  Policy,
  parseDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { EvaluationInput } from '@refarch/backstage-plugin-compliance-node';
import fs from 'fs';
import { Worker } from 'worker_threads';
import type { StorableAssessment } from '../store/toStorable';
import { WorkerProgress } from './WorkerProgress';

/** What a worker is started with. @internal */
export interface WorkerSettings {
  policy: Policy;
  allowedRoots: string[];
  maxBytes: number;
  /**
   * Where the worker says which entity of its batch it is evaluating and since when (ms since
   * the epoch): a BigInt64Array of [index, startedAt] over this buffer (see WorkerProgress).
   */
  progress?: SharedArrayBuffer;
}

/** One entity to evaluate. @internal */
export interface EvaluationItem {
  id: number;
  entity: Entity;
  base: Omit<EvaluationInput, 'iac'>;
  previousHash?: string;
}

/** What the worker made of one entity of a batch. @internal */
export type ItemResult =
  | {
      id: number;
      /** The assessment ready to store (none: unchanged). See the `results` reply. */
      stored?: StorableAssessment;
      /** What the worker read the entity's template from (IacReader.sourcesOf). */
      sources?: string;
    }
  | { id: number; error: string };

/** Main thread → worker. @internal */
export type WorkerRequest =
  | { type: 'evaluate'; items: EvaluationItem[] }
  | {
      type: 'readUrl';
      id: number;
      buffer?: Uint8Array;
      etag?: string;
      notModified?: boolean;
      error?: string;
    };

/** Worker → main thread. @internal */
export type WorkerReply =
  | { type: 'ready' }
  /**
   * A batch's results, in its order. Each assessment comes as the store writes it: the worker
   * encodes it, so the compact body is what is posted, a fraction of the assessment's JSON,
   * and the backend's thread neither parses nor encodes it (issue 19: both cost the pass's
   * thread about 80 µs per assessment, measured at 20k entities). A batch is one message
   * each way instead of one per entity.
   */
  | { type: 'results'; results: ItemResult[] }
  | { type: 'readUrl'; id: number; url: string; etag?: string }
  | { type: 'log'; level: 'error' | 'warn' | 'info'; message: string };

/** Limits of one evaluation in a worker. @public */
export interface EvaluationLimits {
  /** Longest an entity's evaluation may take. Default 30 s. */
  timeoutMs?: number;
  /** The worker's heap limit (`resourceLimits.maxOldGenerationSizeMb`). Default 1024 MB. */
  maxMemoryMb?: number;
  /** Worker threads evaluating in parallel. Default 1. */
  workers?: number;
}

/** Why an evaluation was stopped: the entity gets `error` with this reason. @public */
export class EvaluationLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationLimitError';
  }
}

/**
 * What the pool made of an entity: its assessment, ready to store (none: its input hash was
 * the previous one), and the files its template was read from (IacReader.sourcesOf).
 * @internal
 */
export interface PoolOutcome {
  stored?: StorableAssessment;
  sources?: string;
}

interface Task {
  item: EvaluationItem;
  resolve: (outcome: PoolOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The tasks the worker is evaluating, in order. */
  batch?: Task[];
  progress: WorkerProgress;
  timer?: NodeJS.Timeout;
  /** Why the worker is being stopped, reported to the task it was evaluating. */
  stopping?: string;
}

/** Entities sent to a worker in one message, at most. */
const BATCH = 50;

const PACKAGE = '@refarch/backstage-plugin-compliance-backend';
/**
 * The worker thread's entry: from sources (tests, `backstage-cli package start`) a JavaScript
 * file that registers the TypeScript transform; in the built package (production bundle) the
 * `./worker` entry point, `dist/worker.cjs.js`. Undefined when neither is there.
 */
function findWorkerFile(): string | undefined {
  for (const file of [
    'src/service/evaluationWorker.js',
    'dist/worker.cjs.js',
  ]) {
    const path = resolvePackagePath(PACKAGE, file);
    if (fs.existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Evaluates entities in worker threads, off the backend's event loop. Each evaluation has
 * a time limit and each worker a memory limit; an evaluation over a limit is rejected with
 * an {@link EvaluationLimitError} naming it, and its worker is replaced.
 *
 * @public
 */
export class EvaluationPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers in a row that exited before they were ready: the pool gives up after a few. */
  private failedStarts = 0;
  private broken?: string;
  private readonly timeoutMs: number;
  private readonly maxMemoryMb: number;

  constructor(
    private readonly options: {
      settings: WorkerSettings;
      /** The worker entry (see findWorkerFile). */
      workerFile: string;
      urlReader: UrlReaderService;
      logger: LoggerService;
      limits?: EvaluationLimits;
    },
  ) {
    this.timeoutMs = options.limits?.timeoutMs ?? 30_000;
    this.maxMemoryMb = options.limits?.maxMemoryMb ?? 1024;
    const workers = Math.max(1, options.limits?.workers ?? 1);
    for (let i = 0; i < workers; i++) this.slots.push(this.start());
  }

  /**
   * Evaluates an entity; resolves without an assessment when its input hash equals
   * `previousHash` (nothing changed).
   */
  evaluate(
    entity: Entity,
    base: Omit<EvaluationInput, 'iac'>,
    previousHash?: string,
  ): Promise<PoolOutcome> {
    if (this.closed || this.broken)
      return Promise.reject(
        new Error(this.broken ?? 'The evaluation pool is closed'),
      );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.queue.push({
        item: { id, entity, base, previousHash },
        resolve,
        reject,
      });
      // Entities evaluated at the same time go in one message: the first starts a worker
      // now, those that come while it works go together when it is free.
      if (this.queue.length === 1) queueMicrotask(() => this.dispatch());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0))
      task.reject(new Error('The evaluation pool is closed'));
    await Promise.all(
      this.slots.map(slot => {
        slot.stopping = 'the evaluation pool is closed';
        return slot.worker.terminate();
      }),
    );
  }

  private start(): Slot {
    const progress = new WorkerProgress();
    const worker = new Worker(this.options.workerFile, {
      workerData: { ...this.options.settings, progress: progress.buffer },
      resourceLimits: {
        maxOldGenerationSizeMb: this.maxMemoryMb,
        // 16 MB, as the backend's own thread: a larger young generation is RSS that does not
        // make a pass faster (issue 19, 100k: 458-465 MB against 481-517 MB with 64 MB).
        maxYoungGenerationSizeMb: Math.min(16, this.maxMemoryMb / 4),
      },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, progress };
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (error: Error) => {
      // ERR_WORKER_OUT_OF_MEMORY when the heap limit is hit.
      const code = (error as { code?: string }).code;
      slot.stopping ??=
        code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the evaluation exceeded the memory limit of ${this.maxMemoryMb} MB`
          : `the evaluation worker failed: ${error.message}`;
    });
    worker.on('exit', () => this.onExit(slot));
    worker.unref();
    return slot;
  }

  private dispatch() {
    for (const slot of this.slots) {
      if (!slot.ready || slot.batch || slot.stopping) continue;
      if (!this.queue.length) return;
      const batch = this.queue.splice(0, BATCH);
      slot.batch = batch;
      slot.progress.start(0);
      this.watch(slot);
      slot.worker.postMessage({
        type: 'evaluate',
        items: batch.map(t => t.item),
      } satisfies WorkerRequest);
    }
  }

  /**
   * Stops the worker when the entity it is evaluating has taken longer than the limit: checks
   * when the one it was evaluating at the last check would reach it.
   */
  private watch(slot: Slot) {
    const check = () => {
      const { batch, progress } = slot;
      if (!batch) return;
      const left =
        progress.index >= batch.length
          ? this.timeoutMs // all done: the results are on their way
          : progress.startedAt + this.timeoutMs - Date.now();
      if (left > 0) {
        slot.timer = setTimeout(check, left);
        return;
      }
      slot.stopping = `the evaluation took longer than the limit of ${
        this.timeoutMs / 1000
      } s`;
      slot.worker.terminate();
    };
    slot.timer = setTimeout(check, this.timeoutMs);
  }

  private onReply(slot: Slot, reply: WorkerReply) {
    switch (reply.type) {
      case 'ready':
        slot.ready = true;
        this.failedStarts = 0;
        this.dispatch();
        return;
      case 'log':
        this.options.logger[reply.level](reply.message);
        return;
      case 'readUrl':
        this.readUrl(slot, reply);
        return;
      default: {
        const batch = slot.batch;
        if (!batch || slot.stopping) return;
        clearTimeout(slot.timer);
        slot.batch = undefined;
        batch.forEach((task, i) => {
          const result = reply.results[i];
          if (!result || result.id !== task.item.id)
            task.reject(
              new Error('The evaluation worker answered out of order'),
            );
          else if ('error' in result) task.reject(new Error(result.error));
          else task.resolve({ stored: result.stored, sources: result.sources });
        });
        this.dispatch();
      }
    }
  }

  private async readUrl(
    slot: Slot,
    request: { id: number; url: string; etag?: string },
  ) {
    let reply: WorkerRequest;
    try {
      const response = await this.options.urlReader.readUrl(request.url, {
        etag: request.etag,
      });
      const buffer = await response.buffer();
      reply = {
        type: 'readUrl',
        id: request.id,
        buffer: new Uint8Array(buffer),
        etag: response.etag,
      };
    } catch (e) {
      reply =
        e instanceof NotModifiedError
          ? { type: 'readUrl', id: request.id, notModified: true }
          : {
              type: 'readUrl',
              id: request.id,
              error: e instanceof Error ? e.message : String(e),
            };
    }
    if (!slot.stopping) slot.worker.postMessage(reply);
  }

  private onExit(slot: Slot) {
    clearTimeout(slot.timer);
    const reason = slot.stopping ?? 'the evaluation worker exited';
    const batch = slot.batch ?? [];
    slot.batch = undefined;
    if (this.closed) {
      for (const task of batch)
        task.reject(new Error('The evaluation pool is closed'));
      return;
    }
    // The entity it was evaluating is the one that hit the limit; the others of its batch go
    // back to the queue (the results of those it had done died with it).
    const current = slot.progress.index;
    batch[current]?.reject(new EvaluationLimitError(reason));
    this.queue.unshift(...batch.filter((_, i) => i !== current));
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    if (!slot.ready && ++this.failedStarts >= 3) {
      this.broken = `Compliance evaluation workers do not start: ${reason}`;
      this.options.logger.error(this.broken);
      for (const task of this.queue.splice(0))
        task.reject(new Error(this.broken));
      return;
    }
    this.options.logger.warn(
      `Compliance evaluation worker replaced: ${reason}`,
    );
    this.slots[index] = this.start();
  }
}

/**
 * The pool `compliance.evaluation.isolation` configures, or undefined when isolation is
 * turned off. Closed when the backend shuts down.
 *
 * @internal
 */
export function createEvaluationPool(deps: {
  config: Config;
  policy: Policy;
  urlReader: UrlReaderService;
  logger: LoggerService;
  lifecycle?: LifecycleService;
}): EvaluationPool | undefined {
  const { config, policy, urlReader, logger, lifecycle } = deps;
  const isolation = config.getOptionalConfig('compliance.evaluation.isolation');
  if (isolation?.getOptionalBoolean('enabled') === false) return undefined;
  const workerFile = findWorkerFile();
  if (!workerFile) {
    logger.warn(
      `Compliance evaluation is not isolated: neither src/service/evaluationWorker.js nor dist/worker.cjs.js is in ${PACKAGE}; a hostile template blocks the backend while it is evaluated`,
    );
    return undefined;
  }
  const timeout = isolation?.getOptionalString('timeout');
  const seconds = timeout ? parseDuration(timeout) : undefined;
  const timeoutMs = timeout ? (seconds ?? NaN) * 1000 : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new Error(
      `compliance.evaluation.isolation.timeout "${timeout}" is not a duration such as 30s`,
    );
  const pool = new EvaluationPool({
    workerFile,
    settings: {
      policy,
      allowedRoots:
        config.getOptionalStringArray('compliance.iac.allowedRoots') ?? [],
      maxBytes:
        config.getOptionalNumber('compliance.iac.maxBytes') ?? 5 * 1024 * 1024,
    },
    urlReader,
    logger,
    limits: {
      timeoutMs,
      maxMemoryMb: isolation?.getOptionalNumber('maxMemoryMb'),
      workers: isolation?.getOptionalNumber('workers'),
    },
  });
  lifecycle?.addShutdownHook(() => pool.close());
  return pool;
}
