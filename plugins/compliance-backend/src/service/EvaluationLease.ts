import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';

const TABLE = 'compliance_evaluation_leases';
/** How often Backstage's scheduler looks for due global tasks (its default work check frequency). */
const SCHEDULER_POLL_MS = 5_000;

/**
 * A heartbeat lease per evaluation shard, beside the scheduler's lock.
 *
 * The scheduler's global lock of a task outlives a killed replica until the task's timeout
 * (and the scheduler's janitor, once a minute); with a timeout long enough for a slow pass,
 * evaluation stopped for that long. The pass runs under this lease instead: its holder renews
 * it every `ttlMs / 3`, so a dead holder's lease lapses after `ttlMs`, and a local watchdog
 * on every replica ({@link EvaluationLease.overdue}) resumes the pass of a shard whose holder
 * died or whose schedule stalled, without waiting for the scheduler's lock.
 *
 * @internal
 */
export class EvaluationLease {
  private readonly holder = `${process.pid}-${randomUUID()}`;

  static create(options: {
    knex: Knex;
    logger: LoggerService;
    /** How long a lease lives without renewal (default 30 s). */
    ttlMs?: number;
  }) {
    return new EvaluationLease(
      options.knex,
      options.logger,
      options.ttlMs ?? 30_000,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly logger: LoggerService,
    readonly ttlMs: number,
  ) {}

  private async claim(shard: string): Promise<boolean> {
    const now = Date.now();
    await this.knex(TABLE).insert({ shard }).onConflict('shard').ignore();
    const claimed = await this.knex(TABLE)
      .where({ shard })
      .where(q => q.whereNull('holder').orWhere('expires_at', '<', now))
      .update({
        holder: this.holder,
        expires_at: now + this.ttlMs,
        started_at: now,
      });
    return claimed === 1;
  }

  private async renew(shard: string): Promise<boolean> {
    const renewed = await this.knex(TABLE)
      .where({ shard, holder: this.holder })
      .update({ expires_at: Date.now() + this.ttlMs });
    return renewed === 1;
  }

  private async release(shard: string) {
    await this.knex(TABLE)
      .where({ shard, holder: this.holder })
      .update({ holder: null, expires_at: 0, finished_at: Date.now() });
  }

  /**
   * Whether a shard's pass needs a replica now: its holder died mid-pass (the lease lapsed
   * without a release), or no pass started for two periods and the scheduler's poll (the
   * scheduled task is stuck behind a dead replica's lock). The scheduler starts a due task
   * only when a worker next looks (every 5 s by default), so a healthy schedule's passes
   * start up to a period plus that poll apart: a tighter bound made the watchdog run a
   * pass the scheduler was about to run, twice within seconds (seen with 4 s periods).
   */
  async overdue(shard: string, periodMs: number): Promise<boolean> {
    const row = await this.knex(TABLE)
      .where({ shard })
      .first('holder', 'expires_at', 'started_at');
    if (!row) return false;
    const now = Date.now();
    if (row.holder) return Number(row.expires_at) < now;
    return now - Number(row.started_at) > periodMs * 2 + SCHEDULER_POLL_MS;
  }

  /** When the lease of `shard` lapses if nobody renews it (epoch ms), or 0 when free. */
  private async expiresAt(shard: string): Promise<number> {
    const row = await this.knex(TABLE)
      .where({ shard })
      .first('holder', 'expires_at');
    return row?.holder ? Number(row.expires_at) : 0;
  }

  /**
   * Runs `fn` holding the lease of `shard`, renewing it until `fn` settles. When another
   * replica holds it, waits up to one TTL for it to lapse (its holder died) and otherwise
   * returns false without running `fn` (its holder is alive and still working).
   */
  async run(
    shard: string,
    fn: () => Promise<void>,
    options: { wait?: boolean } = {},
  ): Promise<boolean> {
    let claimed = await this.claim(shard);
    const deadline =
      options.wait === false ? 0 : Date.now() + this.ttlMs + 1000;
    while (!claimed && Date.now() < deadline) {
      const lapses = await this.expiresAt(shard);
      const wait = Math.min(
        Math.max(lapses - Date.now() + 50, 250),
        deadline - Date.now(),
      );
      if (wait <= 0) break;
      await new Promise(resolve => setTimeout(resolve, wait));
      claimed = await this.claim(shard);
    }
    if (!claimed) {
      this.logger.debug(
        `Evaluation shard ${shard} is being evaluated by another replica`,
      );
      return false;
    }
    const heartbeat = setInterval(() => {
      this.renew(shard).then(
        kept => {
          if (!kept)
            this.logger.warn(
              `Lost the evaluation lease of shard ${shard} (renewal too late); another replica may evaluate it too`,
            );
        },
        e =>
          this.logger.warn(
            `Renewing the evaluation lease of shard ${shard} failed: ${e}`,
          ),
      );
    }, Math.max(this.ttlMs / 3, 100));
    try {
      await fn();
    } finally {
      clearInterval(heartbeat);
      await this.release(shard).catch(e =>
        this.logger.warn(
          `Releasing the evaluation lease of shard ${shard} failed: ${e}`,
        ),
      );
    }
    return true;
  }
}
