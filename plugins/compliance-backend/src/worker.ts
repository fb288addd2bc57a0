/*
 * The evaluation worker thread's entry point in the built package (`dist/worker.cjs.js`,
 * started by EvaluationPool in production). From sources the pool starts
 * `src/service/evaluationWorker.js`, which registers the TypeScript transform first.
 */
import './service/evaluationWorkerMain';
