/**
 * Which entity of its batch a worker is evaluating, and since when: written by the worker
 * before each entity, read by the pool when the time limit may have passed or the worker
 * died, to know which entity it was.
 *
 * @internal
 */
export class WorkerProgress {
  private readonly values: BigInt64Array;

  constructor(readonly buffer = new SharedArrayBuffer(16)) {
    this.values = new BigInt64Array(buffer);
  }

  /** Entity `index` of the batch starts now (`index` = the batch's length: all done). */
  start(index: number, now = Date.now()) {
    Atomics.store(this.values, 1, BigInt(now));
    Atomics.store(this.values, 0, BigInt(index));
  }

  get index(): number {
    return Number(Atomics.load(this.values, 0));
  }

  get startedAt(): number {
    return Number(Atomics.load(this.values, 1));
  }
}
