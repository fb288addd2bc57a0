/*
 * Which YAML reader could be the only one (issue 22): the ~1 MB generated template of
 * parseTemplate.bench.ts read by the js-yaml fast path, by the `yaml` library's lower-level
 * parser alone (CST tokens, no values yet), by its parser and composer (documents), and by
 * the careful reader (parseYaml). The target for the whole parse is < 200 ms. Run from the
 * repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/yamlReaders.bench.ts
 */
/* eslint-disable no-console */
import { performance } from 'perf_hooks';
import { Composer, Parser } from 'yaml';
import { parseYaml } from '../plugins/compliance-node/src/cloudformation/parseYaml';
import { parseYamlFast } from '../plugins/compliance-node/src/cloudformation/parseYamlFast';
import { generateYaml } from './parseTemplate.bench';

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
  ['js-yaml fast path (parseYamlFast)', () => parseYamlFast(source, 64)],
  ['yaml Parser: CST tokens only', () => [...new Parser().parse(source)]],
  [
    'yaml Parser + Composer: documents',
    () => [...new Composer().compose(new Parser().parse(source))],
  ],
  [
    'careful reader (parseYaml)',
    () => parseYaml(source, { maxAliases: 100, where: '' }),
  ],
];
console.log(`${source.length} bytes, median of ${RUNS} runs`);
for (const [name, run] of readers)
  console.log(`${name.padEnd(38)} ${median(run).toFixed(0).padStart(6)} ms`);
