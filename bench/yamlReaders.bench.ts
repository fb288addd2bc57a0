/*
 * The YAML reader against the alternatives it was chosen over (issue 22): the ~1 MB generated
 * template of parseTemplate.bench.ts read by readYaml (js-yaml with CloudFormation's schema and
 * the checks that keep it to YAML 1.2), by the `yaml` library's lower-level parser alone (CST
 * tokens, no values yet), by its parser and composer (documents), and by the `yaml` library as
 * the tests use it as their oracle. The target for the whole parse is < 200 ms. Run from the
 * repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/yamlReaders.bench.ts
 */
import { performance } from 'perf_hooks';
import { Composer, Parser } from 'yaml';
import { readYaml } from '../plugins/compliance-node/src/cloudformation/yaml/readYaml';
import { yamlOracle } from '../plugins/compliance-node/src/cloudformation/yaml/__testUtils__/yamlOracle';
import { generateYaml } from './parseTemplate.bench';
import { print } from './print';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const source = generateYaml(Number(process.env.BENCH_BYTES ?? 1024 * 1024));

function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const readers: Array<[string, () => unknown]> = [
  [
    'readYaml (js-yaml, the one reader)',
    () => readYaml(source, { maxAliases: 100, maxDepth: 64, where: '' }),
  ],
  ['yaml Parser: CST tokens only', () => [...new Parser().parse(source)]],
  [
    'yaml Parser + Composer: documents',
    () => [...new Composer().compose(new Parser().parse(source))],
  ],
  [
    "yaml library (the tests' oracle)",
    () => yamlOracle(source, { maxAliases: 100, where: '' }),
  ],
];
print(`${source.length} bytes, median of ${RUNS} runs`);
for (const [name, run] of readers)
  print(`${name.padEnd(38)} ${median(run).toFixed(0).padStart(6)} ms`);
