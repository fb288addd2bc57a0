/** A parameter of a deployed stack (NoEcho values arrive masked from AWS). @public */
export interface LiveStackParameter {
  key: string;
  value: string;
}

/** The latest failed event of a stack (DescribeStackEvents). @public */
export interface LiveStackFailure {
  logicalId?: string;
  resourceType?: string;
  status: string;
  reason?: string;
  at: string;
}

/**
 * What one read of a deployed stack saw (DescribeStacks, GetTemplate Processed,
 * DescribeStackEvents), or why it could not be read.
 *
 * @public
 */
export interface LiveStackSnapshot {
  stackArn: string;
  accountId: string;
  region: string;
  stackName: string;
  readAt: string;
  /** Set when the stack could not be read: the AWS error code (AccessDenied, StackNotFound…). */
  error?: { code: string; message: string };
  status?: string;
  statusReason?: string;
  createdAt?: string;
  lastUpdatedAt?: string;
  terminationProtection?: boolean;
  rollbackTriggers?: number;
  rollbackMonitoringMinutes?: number;
  parameters?: LiveStackParameter[];
  outputs?: Array<{ key: string; value: string; description?: string }>;
  /** sha256 of the processed template body (bodies are stored once per hash). */
  templateHash?: string;
  lastFailure?: LiveStackFailure;
}

/** One property of a drifted resource: what the template says vs what runs. @public */
export interface LivePropertyDifference {
  /** JSON pointer into the resource's properties, e.g. /BucketEncryption. */
  path: string;
  expected: string;
  actual: string;
  type: 'ADD' | 'REMOVE' | 'NOT_EQUAL' | string;
}

/** @public */
export interface LiveResourceDrift {
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: 'MODIFIED' | 'DELETED' | string;
  differences: LivePropertyDifference[];
}

/** The outcome of the last drift detection of a stack. @public */
export interface LiveStackDrift {
  checkedAt: string;
  /** IN_SYNC | DRIFTED | UNKNOWN | NOT_CHECKED, or an error. */
  status: string;
  error?: { code: string; message: string };
  resources: LiveResourceDrift[];
}

/** A stored stack: its latest snapshot and drift. @public */
export interface LiveStackRecord {
  entityRef: string;
  stackArn: string;
  snapshot?: LiveStackSnapshot;
  drift?: LiveStackDrift;
  /** Changes whenever the snapshot or drift changes. */
  version: string;
}
