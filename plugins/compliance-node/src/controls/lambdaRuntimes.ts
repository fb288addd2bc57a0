/**
 * Lambda-managed runtimes and the dates AWS publishes for them: deprecation (no more
 * security patches, no technical support), then the dates after which functions using the
 * runtime can no longer be created or updated.
 *
 * Sources, as read in 2026: the "Supported runtimes" and "Deprecated runtimes"
 * tables of https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html and the
 * per-language tables, which carry the latest dates:
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-java.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-csharp.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-ruby.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-provided.html; policy:
 * https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html. Deprecation
 * dates of runtimes deprecated before 2026 were cross-checked with cfn-lint 1.51.0
 * (`LmbdRuntimeLifecycle.json`, rules E2531/W2531/E2533), whose block dates are stale for
 * several runtimes (AWS moved them): block dates are given only where an AWS page showed
 * them. AWS extended the Amazon Linux 2 runtimes (Java 8/11/17, Python 3.10/3.11) past the
 * AL2 end of life of 2026-06-30; `provided.al2` is named in that extension but its new row
 * was not confirmed, so it is left out and reported as unknown rather than guessed.
 *
 * Dates of supported runtimes are projections and may move: when AWS changes a page, change
 * the row here. A runtime that is not in the table is reported as unknown, naming it.
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
    blockCreate: '2026-08-31',
    blockUpdate: '2026-09-30',
    successor: 'nodejs24.x',
  },
  'nodejs18.x': { deprecated: '2025-09-01', successor: 'nodejs24.x' },
  'nodejs16.x': { deprecated: '2024-06-12', successor: 'nodejs24.x' },
  'nodejs14.x': { deprecated: '2023-12-04', successor: 'nodejs24.x' },
  'nodejs12.x': { deprecated: '2023-03-31', successor: 'nodejs24.x' },
  'nodejs10.x': { deprecated: '2021-07-30', successor: 'nodejs24.x' },
  'nodejs8.10': { deprecated: '2020-03-06', successor: 'nodejs24.x' },
  'nodejs6.10': { deprecated: '2019-08-12', successor: 'nodejs24.x' },
  'nodejs4.3-edge': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  'nodejs4.3': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  nodejs: { deprecated: '2016-08-30', successor: 'nodejs24.x' },
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
    deprecated: '2027-06-30',
    blockCreate: '2027-07-31',
    blockUpdate: '2027-08-31',
    successor: 'python3.14',
  },
  'python3.10': {
    deprecated: '2026-10-31',
    blockCreate: '2026-11-30',
    blockUpdate: '2027-01-15',
    successor: 'python3.14',
  },
  'python3.9': {
    deprecated: '2025-12-15',
    blockCreate: '2026-02-03',
    blockUpdate: '2026-03-09',
    successor: 'python3.14',
  },
  'python3.8': { deprecated: '2024-10-14', successor: 'python3.14' },
  'python3.7': { deprecated: '2023-12-04', successor: 'python3.14' },
  'python3.6': { deprecated: '2022-07-18', successor: 'python3.14' },
  'python2.7': { deprecated: '2021-07-15', successor: 'python3.14' },
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
    deprecated: '2027-06-30',
    blockCreate: '2027-07-31',
    blockUpdate: '2027-08-31',
    successor: 'java25',
  },
  java11: {
    deprecated: '2027-06-30',
    blockCreate: '2027-07-31',
    blockUpdate: '2027-08-31',
    successor: 'java25',
  },
  'java8.al2': {
    deprecated: '2027-06-30',
    blockCreate: '2027-07-31',
    blockUpdate: '2027-08-31',
    successor: 'java25',
  },
  java8: { deprecated: '2024-01-08', successor: 'java25' },
  // .NET
  dotnet10: {
    deprecated: '2028-11-14',
    blockCreate: '2028-12-14',
    blockUpdate: '2029-01-15',
  },
  dotnet8: {
    deprecated: '2026-11-10',
    blockCreate: '2027-02-01',
    blockUpdate: '2027-03-03',
    successor: 'dotnet10',
  },
  dotnet6: { deprecated: '2024-12-20', successor: 'dotnet10' },
  'dotnetcore3.1': { deprecated: '2023-04-03', successor: 'dotnet10' },
  'dotnetcore2.1': { deprecated: '2022-01-05', successor: 'dotnet10' },
  'dotnetcore2.0': { deprecated: '2019-05-30', successor: 'dotnet10' },
  'dotnetcore1.0': { deprecated: '2019-06-27', successor: 'dotnet10' },
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
    blockCreate: '2026-08-31',
    blockUpdate: '2026-09-30',
    successor: 'ruby3.4',
  },
  'ruby2.7': { deprecated: '2023-12-07', successor: 'ruby3.4' },
  'ruby2.5': { deprecated: '2021-07-30', successor: 'ruby3.4' },
  // OS-only runtimes (Go, Rust, custom runtimes)
  'provided.al2023': {
    deprecated: '2029-06-30',
    blockCreate: '2029-07-31',
    blockUpdate: '2029-08-31',
  },
  provided: { deprecated: '2024-01-08', successor: 'provided.al2023' },
  'go1.x': { deprecated: '2024-01-08', successor: 'provided.al2023' },
};
