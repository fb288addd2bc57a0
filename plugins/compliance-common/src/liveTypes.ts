import { DriftState, StackHealth } from './facts';

// What a read of a deployed CloudFormation stack and its drift detection saw. Written by the
// backend's live stack reading, served by `GET /v1/live/entities/...`, shown by the frontend.

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

/**
 * The deployed stack of an entity as `GET /v1/live/entities/{kind}/{namespace}/{name}`
 * serves it: the last read, its health, its drift and a link to the AWS console.
 *
 * @public
 */
export interface DeployedStack {
  entityRef: string;
  stackArn: string;
  consoleUrl?: string;
  /** Absent until the stack has been read once. */
  health?: StackHealth;
  driftStatus: DriftState;
  snapshot?: LiveStackSnapshot;
  drift?: LiveStackDrift;
}

/**
 * The deployed stack in an assessment: what the fleet filters and shows per entity.
 *
 * @public
 */
export interface DeployedSummary {
  stackArn: string;
  health?: StackHealth;
  drift: DriftState;
}
