import { LoggerService } from '@backstage/backend-plugin-api';
import { EvaluationRunner } from './EvaluationRunner';

/** How long a write waits for the re-evaluation before it answers anyway. */
const DEFAULT_WAIT_MS = 5_000;

/**
 * Re-evaluates an entity after new evidence or a waiver decision without making the answer
 * depend on it: the record is stored already, so a slow or failing evaluation must not turn
 * into a lost response that a client retries (the scheduled pass catches up).
 *
 * @internal
 */
export class Reevaluation {
  constructor(
    private readonly deps: {
      runner: EvaluationRunner;
      logger?: LoggerService;
      /** Overrides how long a write waits for the re-evaluation (tests). */
      waitMs?: number;
    },
  ) {}

  async run(entityRef: string, after: string): Promise<void> {
    const evaluation = this.deps.runner.evaluateOne(entityRef).catch(e => {
      this.deps.logger?.warn(
        `Re-evaluating ${entityRef} after ${after} failed: ${String(e)}`,
      );
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      evaluation,
      new Promise(resolve => {
        timer = setTimeout(resolve, this.deps.waitMs ?? DEFAULT_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}
