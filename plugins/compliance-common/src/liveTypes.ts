import { components } from './generated/openapi';

type Schemas = components['schemas'];

// What a read of a deployed CloudFormation stack and its drift detection saw. Written by the
// backend's live stack reading, served by `GET /v1/live/entities/...`, shown by the frontend.

/** A parameter of a deployed stack (NoEcho values arrive masked from AWS). @public */
export type LiveStackParameter = NonNullable<
  LiveStackSnapshot['parameters']
>[number];

/** The latest failed event of a stack (DescribeStackEvents). @public */
export type LiveStackFailure = NonNullable<LiveStackSnapshot['lastFailure']>;

/**
 * What one read of a deployed stack saw (DescribeStacks, GetTemplate Processed,
 * DescribeStackEvents), or why it could not be read.
 *
 * @public
 */
export type LiveStackSnapshot = Schemas['LiveStackSnapshot'];

/** One property of a drifted resource: what the template says vs what runs. @public */
export type LivePropertyDifference = LiveResourceDrift['differences'][number];

/** @public */
export type LiveResourceDrift = LiveStackDrift['resources'][number];

/** The outcome of the last drift detection of a stack. @public */
export type LiveStackDrift = Schemas['LiveStackDrift'];

/**
 * The deployed stack of an entity as `GET /v1/live/entities/{kind}/{namespace}/{name}`
 * serves it: the last read, its health, its drift and a link to the AWS console.
 *
 * @public
 */
export type DeployedStack = Schemas['DeployedStack'];

/**
 * The deployed stack in an assessment: what the fleet filters and shows per entity.
 *
 * @public
 */
export type DeployedSummary = Schemas['DeployedSummary'];
