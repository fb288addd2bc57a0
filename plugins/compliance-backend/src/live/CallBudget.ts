const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** Thrown when a pass has spent its calls or retries; the stack is skipped, not failed. @internal */
export class BudgetExhaustedError extends Error {
  readonly code = 'CallBudgetExhausted';
  constructor(what: string) {
    super(`${what} budget of this pass is spent`);
    this.name = 'BudgetExhaustedError';
  }
}

/** @internal */
export interface RetryOptions {
  /** Retries of one call after throttling (default 3). */
  maxRetries: number;
  /** First backoff; doubles per retry, with full jitter (default 200 ms). */
  baseDelayMs: number;
  maxDelayMs: number;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);

/** @internal */
export function isThrottling(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    THROTTLING.has(err?.name ?? '') || err?.$metadata?.httpStatusCode === 429
  );
}

/**
 * Counts the AWS calls and throttling retries of one pass, so 10,000 stacks never turn
 * into more requests than configured, and a throttled account backs off with jitter
 * instead of hammering the API.
 *
 * @internal
 */
export class CallBudget {
  calls = 0;
  retries = 0;

  constructor(
    private readonly limits: {
      maxCalls: number;
      maxRetries: number;
      retry: RetryOptions;
      sleep?: (ms: number) => Promise<void>;
      random?: () => number;
    },
  ) {}

  get remaining(): number {
    return Math.max(0, this.limits.maxCalls - this.calls);
  }

  /** Runs one AWS call, retrying throttling with exponential backoff and full jitter. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.calls >= this.limits.maxCalls)
        throw new BudgetExhaustedError('The call');
      this.calls++;
      try {
        return await fn();
      } catch (e) {
        if (!isThrottling(e) || attempt >= this.limits.retry.maxRetries)
          throw e;
        if (this.retries >= this.limits.maxRetries) throw e;
        this.retries++;
        const cap = Math.min(
          this.limits.retry.maxDelayMs,
          this.limits.retry.baseDelayMs * 2 ** attempt,
        );
        const delay = Math.round((this.limits.random ?? Math.random)() * cap);
        await (this.limits.sleep ?? defaultSleep)(delay);
      }
    }
  }
}
