import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { Policy } from '@refarch/backstage-plugin-compliance-common';
import {
  EvaluationInput,
  computeInputHash,
  evaluateEntity,
} from '@refarch/backstage-plugin-compliance-node';
import { parentPort, workerData } from 'worker_threads';
import { toStorable } from '../store/toStorable';
import { IacReader } from './IacReader';
import type {
  ItemResult,
  WorkerReply,
  WorkerRequest,
  WorkerSettings,
} from './EvaluationPool';
import { WorkerProgress } from './WorkerProgress';

/*
 * The body of an evaluation worker thread: reads and analyses an entity's CloudFormation
 * (through the main thread's UrlReader for URL locations) and evaluates it, so that a
 * template that takes long or much memory never blocks the backend's event loop.
 */

const port = parentPort!;
const settings = workerData as WorkerSettings;
const progress = settings.progress && new WorkerProgress(settings.progress);
const policy: Policy = settings.policy;

let nextCall = 0;
const calls = new Map<
  number,
  { resolve: (r: any) => void; reject: (e: Error) => void }
>();

function send(message: WorkerReply) {
  port.postMessage(message);
}

const urlReader = {
  async readUrl(url: string, options?: { etag?: string }) {
    const id = nextCall++;
    const reply = (await new Promise((resolve, reject) => {
      calls.set(id, { resolve, reject });
      send({ type: 'readUrl', id, url, etag: options?.etag });
    })) as { buffer?: Uint8Array; etag?: string; notModified?: boolean };
    if (reply.notModified) throw new NotModifiedError();
    const buffer = Buffer.from(reply.buffer ?? new Uint8Array());
    return { buffer: async () => buffer, etag: reply.etag };
  },
} as unknown as UrlReaderService;

const logger: LoggerService = {
  error: message => send({ type: 'log', level: 'error', message }),
  warn: message => send({ type: 'log', level: 'warn', message }),
  info: message => send({ type: 'log', level: 'info', message }),
  debug: () => {},
  child: () => logger,
};

const iac = IacReader.create({
  urlReader,
  logger,
  allowedRoots: settings.allowedRoots,
  maxBytes: settings.maxBytes,
});

async function evaluate(
  entity: Entity,
  base: Omit<EvaluationInput, 'iac'>,
  previousHash: string | undefined,
) {
  const input: EvaluationInput = { ...base, iac: await iac.read(entity) };
  const sources = iac.sourcesOf(entity);
  if (previousHash && previousHash === computeInputHash(input, policy)) {
    return { sources };
  }
  return {
    stored: toStorable(evaluateEntity(input, policy)),
    sources,
  };
}

port.on('message', async (message: WorkerRequest) => {
  if (message.type === 'readUrl') {
    const call = calls.get(message.id);
    calls.delete(message.id);
    if (message.error !== undefined) call?.reject(new Error(message.error));
    else call?.resolve(message);
    return;
  }
  // The pool sends a batch when this worker is free: one at a time, evaluated in order.
  const { items } = message;
  const results: ItemResult[] = [];
  for (let i = 0; i < items.length; i++) {
    const { id, entity, base, previousHash } = items[i];
    progress?.start(i);
    try {
      results.push({ id, ...(await evaluate(entity, base, previousHash)) });
    } catch (e: any) {
      results.push({ id, error: String(e?.stack ?? e) });
    }
  }
  progress?.start(items.length);
  send({ type: 'results', results });
});

send({ type: 'ready' });
