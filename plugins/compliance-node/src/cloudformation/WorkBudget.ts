import { TemplateError } from './TemplateError';

/**
 * Bounds on the work of resolving one template, nested stacks included.
 * Intrinsics can expand a small file into an enormous value (`Fn::Sub`
 * variables that are themselves `Fn::Sub`s using the variable many times);
 * these limits turn such a template into an error instead of a hang.
 *
 * @public
 */
export interface WorkLimits {
  /** Values and intrinsics evaluated, list items produced included. Default 2,000,000. */
  maxSteps?: number;
  /** Longest string one intrinsic may produce, in UTF-16 units. Default 1 MiB. */
  maxStringLength?: number;
  /** Total length of the strings the intrinsics produce. Default 32 MiB. */
  maxTotalLength?: number;
}

const MIB = 1024 * 1024;

function size(n: number): string {
  return n % MIB === 0 ? `${n / MIB} MB` : `${n} characters`;
}

/**
 * The work done so far on one template, and where in it the resolver is, so
 * that exceeding a limit names the resource, the property and the intrinsic.
 *
 * @internal
 */
export class WorkBudget {
  /** Warnings left out once the template has many (each distinct one counted once or more). */
  droppedWarnings = 0;
  private steps = 0;
  private total = 0;
  private readonly maxSteps: number;
  private readonly maxStringLength: number;
  private readonly maxTotalLength: number;
  /** Path from the template's root to the value being resolved; intrinsic arguments are not added. */
  private path: Array<string | number> = [];
  /** The template being resolved: 'root' or a nested template's path. */
  private source = 'root';
  /** Inside an intrinsic's arguments, where the path stays at the property. */
  private inIntrinsic = 0;

  constructor(limits: WorkLimits = {}) {
    this.maxSteps = limits.maxSteps ?? 2_000_000;
    this.maxStringLength = limits.maxStringLength ?? MIB;
    this.maxTotalLength = limits.maxTotalLength ?? 32 * MIB;
  }

  /** Runs `fn` for the value at `path` of template `source` (a resource's Properties, an output…). */
  at<T>(source: string, path: Array<string | number>, fn: () => T): T {
    const saved = {
      path: this.path,
      source: this.source,
      inIntrinsic: this.inIntrinsic,
    };
    this.path = path;
    this.source = source;
    this.inIntrinsic = 0;
    try {
      return fn();
    } finally {
      this.path = saved.path;
      this.source = saved.source;
      this.inIntrinsic = saved.inIntrinsic;
    }
  }

  /** Enters a mapping key or list index (ignored inside an intrinsic's arguments). */
  enter(key: string | number): void {
    if (this.inIntrinsic === 0) {
      this.path.push(key);
    }
  }

  leave(): void {
    if (this.inIntrinsic === 0) {
      this.path.pop();
    }
  }

  enterIntrinsic(): void {
    this.inIntrinsic++;
  }

  leaveIntrinsic(): void {
    this.inIntrinsic--;
  }

  /** Counts `n` steps of work done by `what`. */
  step(what: string, n = 1): void {
    this.steps += n;
    if (this.steps > this.maxSteps) {
      throw this.error(
        `resolving the template takes more than ${this.maxSteps} steps (reached in ${what})`,
      );
    }
  }

  /** Checks, before it is built, a string of `length` that `fn` produces. */
  text(fn: string, length: number): void {
    if (length > this.maxStringLength) {
      throw this.error(`${fn} expands past ${size(this.maxStringLength)}`);
    }
  }

  /** Records a string that an intrinsic produced. */
  produced(fn: string, value: string): string {
    this.text(fn, value.length);
    this.total += value.length;
    if (this.total > this.maxTotalLength) {
      throw this.error(
        `the strings the intrinsics produce exceed ${size(
          this.maxTotalLength,
        )} in total (reached in ${fn})`,
      );
    }
    return value;
  }

  private error(message: string): TemplateError {
    const where = this.path.length ? this.path.join('.') : 'the template';
    const file = this.source === 'root' ? '' : ` in ${this.source}`;
    return new TemplateError('work-limit', `${message} at ${where}${file}`);
  }
}
