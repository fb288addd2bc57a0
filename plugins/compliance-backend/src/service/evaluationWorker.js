/*
 * Entry point of an evaluation worker thread (see EvaluationPool.ts). Plain JavaScript so that
 * Node can start it as is. From sources (Jest, `backstage-cli package start`) the TypeScript
 * transform is registered here unless the thread inherited it through execArgv.
 */
if (!require.extensions['.ts']) {
  // eslint-disable-next-line @backstage/no-undeclared-imports -- only from sources, where the CLI (a dev dependency) is installed
  require('@backstage/cli/config/nodeTransform.cjs');
}

require('./evaluationWorkerMain');
