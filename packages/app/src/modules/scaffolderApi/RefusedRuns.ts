import type { ScaffolderScaffoldOptions } from '@backstage/plugin-scaffolder-common';

/** A run the scaffolder refused: its template and the form's values. */
export type RefusedRun = Pick<
  ScaffolderScaffoldOptions,
  'templateRef' | 'values'
>;

/**
 * Where the scaffolder client tells the wizard that a run was refused, so that the wizard can
 * open the form again with the values (ReopenRefusedForm). One instance per app.
 */
export class RefusedRuns {
  readonly #listeners = new Set<(run: RefusedRun) => void>();

  /** Listens for refused runs; returns the function that stops listening. */
  subscribe(listener: (run: RefusedRun) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Tells every listener; false when none listens (no form is reopened). */
  report(run: RefusedRun): boolean {
    this.#listeners.forEach(listener => listener(run));
    return this.#listeners.size > 0;
  }
}
