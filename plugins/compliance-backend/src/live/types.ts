import {
  LiveStackDrift,
  LiveStackSnapshot,
} from '@refarch/backstage-plugin-compliance-common';

// The shapes of a read stack and of a drift detection are part of the REST API and live in
// compliance-common (liveTypes.ts); this file adds what only the backend stores.
export type {
  LivePropertyDifference,
  LiveResourceDrift,
  LiveStackDrift,
  LiveStackFailure,
  LiveStackParameter,
  LiveStackSnapshot,
} from '@refarch/backstage-plugin-compliance-common';

/** A stored stack: its latest snapshot and drift. @public */
export interface LiveStackRecord {
  entityRef: string;
  stackArn: string;
  snapshot?: LiveStackSnapshot;
  drift?: LiveStackDrift;
  /** Changes whenever the snapshot or drift changes. */
  version: string;
}
