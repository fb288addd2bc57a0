/**
 * Lambda-managed runtimes and the dates AWS publishes for them: deprecation (no more
 * security patches, no technical support), then the dates after which functions using the
 * runtime can no longer be created or updated.
 *
 * Source: "Lambda runtimes", tables "Supported runtimes" and "Deprecated runtimes"
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), and the deprecation
 * policy (https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html), as
 * mirrored by cfn-lint 1.51.0 (`data/AdditionalSpecs/LmbdRuntimeLifecycle.json`, used by its
 * rules E2531/W2531/E2533) and cross-checked with https://endoflife.date/aws-lambda. Dates of
 * supported runtimes are the ones AWS projects and may move: when AWS changes the page,
 * change the row here. A runtime that is not in the table is reported as unknown, naming
 * it, never guessed from its name.
 *
 * @internal
 */
export interface LambdaRuntime {
  /** Deprecation date (UTC, YYYY-MM-DD). */
  deprecated: string;
  /** From this date functions using the runtime can no longer be created. */
  blockCreate?: string;
  /** From this date functions using the runtime can no longer be updated. */
  blockUpdate?: string;
  /** The runtime of the same language to move to. */
  successor?: string;
}

/** @internal */
export const LAMBDA_RUNTIMES: Readonly<Record<string, LambdaRuntime>> = {
  // Node.js
  'nodejs24.x': {
    deprecated: '2028-04-30',
    blockCreate: '2028-06-01',
    blockUpdate: '2028-07-01',
  },
  'nodejs22.x': {
    deprecated: '2027-04-30',
    blockCreate: '2027-06-01',
    blockUpdate: '2027-07-01',
    successor: 'nodejs24.x',
  },
  'nodejs20.x': {
    deprecated: '2026-04-30',
    blockCreate: '2026-06-01',
    blockUpdate: '2026-07-01',
    successor: 'nodejs24.x',
  },
  'nodejs18.x': {
    deprecated: '2025-09-01',
    blockCreate: '2026-06-01',
    blockUpdate: '2026-07-01',
    successor: 'nodejs24.x',
  },
  'nodejs16.x': {
    deprecated: '2024-06-12',
    blockCreate: '2026-06-01',
    blockUpdate: '2026-07-01',
    successor: 'nodejs24.x',
  },
  'nodejs14.x': {
    deprecated: '2023-12-04',
    blockCreate: '2024-01-09',
    blockUpdate: '2026-07-01',
    successor: 'nodejs24.x',
  },
  'nodejs12.x': {
    deprecated: '2023-03-31',
    blockCreate: '2023-03-31',
    blockUpdate: '2023-04-30',
    successor: 'nodejs24.x',
  },
  'nodejs10.x': {
    deprecated: '2021-07-30',
    blockCreate: '2021-07-30',
    blockUpdate: '2022-02-14',
    successor: 'nodejs24.x',
  },
  'nodejs8.10': {
    deprecated: '2020-03-06',
    blockCreate: '2020-02-04',
    blockUpdate: '2020-03-06',
    successor: 'nodejs24.x',
  },
  'nodejs6.10': {
    deprecated: '2019-08-12',
    blockCreate: '2019-07-12',
    blockUpdate: '2019-08-12',
    successor: 'nodejs24.x',
  },
  'nodejs4.3-edge': {
    deprecated: '2020-03-05',
    blockCreate: '2019-03-31',
    blockUpdate: '2019-04-30',
    successor: 'nodejs24.x',
  },
  'nodejs4.3': {
    deprecated: '2020-03-05',
    blockCreate: '2020-02-03',
    blockUpdate: '2020-03-05',
    successor: 'nodejs24.x',
  },
  nodejs: {
    deprecated: '2016-08-30',
    blockCreate: '2016-09-30',
    blockUpdate: '2016-10-31',
    successor: 'nodejs24.x',
  },
  // Python
  'python3.14': {
    deprecated: '2029-06-30',
    blockCreate: '2029-07-31',
    blockUpdate: '2029-08-31',
  },
  'python3.13': {
    deprecated: '2029-06-30',
    blockCreate: '2029-07-31',
    blockUpdate: '2029-08-31',
    successor: 'python3.14',
  },
  'python3.12': {
    deprecated: '2028-10-31',
    blockCreate: '2028-11-30',
    blockUpdate: '2029-01-10',
    successor: 'python3.14',
  },
  'python3.11': {
    deprecated: '2026-06-30',
    blockCreate: '2026-07-31',
    blockUpdate: '2026-08-31',
    successor: 'python3.14',
  },
  'python3.10': {
    deprecated: '2026-06-30',
    blockCreate: '2026-07-31',
    blockUpdate: '2026-08-31',
    successor: 'python3.14',
  },
  'python3.9': {
    deprecated: '2025-12-15',
    blockCreate: '2026-06-01',
    blockUpdate: '2026-07-01',
    successor: 'python3.14',
  },
  'python3.8': {
    deprecated: '2024-10-14',
    blockCreate: '2026-06-01',
    blockUpdate: '2026-07-01',
    successor: 'python3.14',
  },
  'python3.7': {
    deprecated: '2023-12-04',
    blockCreate: '2024-01-09',
    blockUpdate: '2026-03-09',
    successor: 'python3.14',
  },
  'python3.6': {
    deprecated: '2022-07-18',
    blockCreate: '2022-07-18',
    blockUpdate: '2022-08-29',
    successor: 'python3.14',
  },
  'python2.7': {
    deprecated: '2021-07-15',
    blockCreate: '2021-07-15',
    blockUpdate: '2022-05-30',
    successor: 'python3.14',
  },
  // Java
  java25: {
    deprecated: '2029-06-30',
    blockCreate: '2029-07-31',
    blockUpdate: '2029-08-31',
  },
  java21: {
    deprecated: '2029-06-30',
    blockCreate: '2029-07-31',
    blockUpdate: '2029-08-31',
    successor: 'java25',
  },
  java17: {
    deprecated: '2026-06-30',
    blockCreate: '2026-07-31',
    blockUpdate: '2026-08-31',
    successor: 'java25',
  },
  java11: {
    deprecated: '2026-06-30',
    blockCreate: '2026-07-31',
    blockUpdate: '2026-08-31',
    successor: 'java25',
  },
  'java8.al2': {
    deprecated: '2026-06-30',
    blockCreate: '2026-07-31',
    blockUpdate: '2026-08-31',
    successor: 'java25',
  },
  java8: {
    deprecated: '2024-01-08',
    blockCreate: '2024-02-08',
    blockUpdate: '2026-07-01',
    successor: 'java25',
  },
  // .NET
  dotnet10: { deprecated: '2028-11-14' },
  dotnet8: {
    deprecated: '2026-11-10',
    blockCreate: '2026-12-10',
    blockUpdate: '2027-01-11',
    successor: 'dotnet10',
  },
  dotnet6: {
    deprecated: '2024-12-20',
    blockCreate: '2026-06-01',
    blockUpdate: '2026-07-01',
    successor: 'dotnet10',
  },
  'dotnetcore3.1': {
    deprecated: '2023-04-03',
    blockCreate: '2023-04-03',
    blockUpdate: '2023-05-03',
    successor: 'dotnet10',
  },
  'dotnetcore2.1': {
    deprecated: '2022-01-05',
    blockCreate: '2022-01-05',
    blockUpdate: '2022-04-13',
    successor: 'dotnet10',
  },
  'dotnetcore2.0': {
    deprecated: '2019-05-30',
    blockCreate: '2019-04-30',
    blockUpdate: '2019-05-30',
    successor: 'dotnet10',
  },
  'dotnetcore1.0': {
    deprecated: '2019-06-27',
    blockCreate: '2019-06-30',
    blockUpdate: '2019-07-30',
    successor: 'dotnet10',
  },
  // Ruby
  'ruby3.4': {
    deprecated: '2028-03-31',
    blockCreate: '2028-04-30',
    blockUpdate: '2028-05-31',
  },
  'ruby3.3': {
    deprecated: '2027-03-31',
    blockCreate: '2027-04-30',
    blockUpdate: '2027-05-31',
    successor: 'ruby3.4',
  },
  'ruby3.2': {
    deprecated: '2026-03-31',
    blockCreate: '2026-06-01',
    blockUpdate: '2026-07-01',
    successor: 'ruby3.4',
  },
  'ruby2.7': {
    deprecated: '2023-12-07',
    blockCreate: '2024-01-09',
    blockUpdate: '2026-07-01',
    successor: 'ruby3.4',
  },
  'ruby2.5': {
    deprecated: '2021-07-30',
    blockCreate: '2021-07-30',
    blockUpdate: '2022-03-31',
    successor: 'ruby3.4',
  },
  // OS-only runtimes (Go, Rust, custom runtimes)
  'provided.al2023': {
    deprecated: '2029-06-30',
    blockCreate: '2029-07-31',
    blockUpdate: '2029-08-31',
  },
  'provided.al2': {
    deprecated: '2026-06-30',
    blockCreate: '2026-07-31',
    blockUpdate: '2026-08-31',
    successor: 'provided.al2023',
  },
  provided: {
    deprecated: '2024-01-08',
    blockCreate: '2024-02-08',
    blockUpdate: '2026-07-01',
    successor: 'provided.al2023',
  },
  'go1.x': {
    deprecated: '2024-01-08',
    blockCreate: '2024-02-08',
    blockUpdate: '2026-07-01',
    successor: 'provided.al2023',
  },
};
