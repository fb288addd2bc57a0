/** @public */
export interface PassStats {
  entities: number;
  evaluated: number;
  skipped: number;
  failed: number;
  removed: number;
  durationMs: number;
  /** Where the pass spent its time, in ms (summed over pages). */
  phases: PassPhases;
}

/** @public */
export interface PassPhases {
  /** Reading the catalog pages. */
  catalog: number;
  /** Neighbours, evidence, waivers and stored input hashes of each page. */
  context: number;
  /** Building inputs, comparing hashes, evaluating. */
  evaluate: number;
  /** Storing assessments (and notifying). */
  store: number;
  /** Forgetting removed entities, refreshing the fleet snapshots. */
  finish: number;
}

/** Time spent per phase of a pass, measured between marks. @internal */
export const phaseTimer = () => {
  const phases: PassPhases = {
    catalog: 0,
    context: 0,
    evaluate: 0,
    store: 0,
    finish: 0,
  };
  let last = performance.now();
  return {
    phases,
    /** Adds the time since the previous mark to `phase`. */
    mark(phase: keyof PassPhases) {
      const now = performance.now();
      phases[phase] += now - last;
      last = now;
    },
  };
};
