// Engine benchmark: evaluates 10,000 synthetic entities (services with CloudFormation,
// resources with declared facts) against the whole default policy on one core, and
// parses + evaluates a ~1 MB CloudFormation template.
// Run from the repository root:
//   node --require @backstage/cli/config/nodeTransform.cjs bench/evaluate.bench.ts
// Options (environment): BENCH_ENTITIES (default 10000), BENCH_BYTES (template size,
// default 1 MiB).
import fs from 'fs';
import path from 'path';
import {
  FactId,
  FactValue,
  isComponentClass,
  readComplianceAnnotations,
} from '@refarch/backstage-plugin-compliance-common';
import { defaultPolicy } from '../plugins/compliance-node/src/policy/defaultPolicy';
import { evaluateEntity } from '../plugins/compliance-node/src/evaluator/evaluateEntity';
import { EvaluationInput } from '../plugins/compliance-node/src/evaluator/EvaluationInput';
import {
  parseTemplate,
  resolveTemplate,
} from '../plugins/compliance-node/src/cloudformation';
import { DrComponent } from '../plugins/compliance-node/src/dr/drComponents';
import { syntheticEntities } from './syntheticEntities';
import { print } from './print';

const fixtures = path.resolve(
  __dirname,
  '../plugins/compliance-node/src/__fixtures__',
);
const now = new Date('2026-11-23T12:00:00Z');
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 10_000);
const TEMPLATE_BYTES = Number(process.env.BENCH_BYTES ?? 1024 * 1024);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function main() {
  const templates = {
    good: resolveTemplate(
      parseTemplate(fs.readFileSync(path.join(fixtures, 'service-good.yaml'))),
    ),
    weak: resolveTemplate(
      parseTemplate(
        fs.readFileSync(path.join(fixtures, 'environment-weak.yaml')),
      ),
    ),
  };
  const entities = syntheticEntities(ENTITIES);
  const components = new Map<string, DrComponent>();
  for (const e of entities) {
    if (!isComponentClass(e.type)) continue;
    const { declared } = readComplianceAnnotations(e.annotations);
    components.set(e.ref, {
      name: e.ref,
      componentClass: e.type,
      facts: new Map<FactId, FactValue | undefined>(
        declared.map(f => [f.id, f.value]),
      ),
    });
  }
  const inputs: EvaluationInput[] = entities.map(e => ({
    entity: {
      ref: e.ref,
      kind: e.kind,
      name: e.name,
      type: e.type,
      annotations: e.annotations,
    },
    iac: e.iac
      ? {
          template: templates[e.iac],
          source: `${e.iac}.yaml`,
          contentHash: e.iac,
        }
      : undefined,
    evidence: [],
    waivers: [],
    dependencies: e.dependsOn.map(d => components.get(d)!).filter(Boolean),
    now,
  }));
  const withIac = inputs.filter(i => i.iac).length;

  // Warm up the JIT the way a long-running backend is warm.
  for (const input of inputs.slice(0, 500))
    evaluateEntity(input, defaultPolicy);
  const runs: number[] = [];
  let counts = { pass: 0, fail: 0, unknown: 0 };
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    counts = { pass: 0, fail: 0, unknown: 0 };
    for (const input of inputs) {
      const a = evaluateEntity(input, defaultPolicy);
      if (a.status === 'pass' || a.status === 'fail' || a.status === 'unknown')
        counts[a.status]++;
    }
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  print(
    `evaluate ${inputs.length} entities (${withIac} with CloudFormation, ${
      defaultPolicy.controls.length
    } controls): median ${percentile(runs, 50).toFixed(0)} ms, best ${Math.min(
      ...runs,
    ).toFixed(0)} ms over ${runs.length} runs`,
  );
  print(
    `  outcome mix: ${JSON.stringify(counts)}; ${(
      (percentile(runs, 50) / inputs.length) *
      1000
    ).toFixed(1)} µs per entity`,
  );

  // ~1 MB template (BENCH_BYTES): the service fixture's resources repeated under new logical ids.
  const base = fs.readFileSync(
    path.join(fixtures, 'service-good.yaml'),
    'utf8',
  );
  const [head, resources] = base.split('\nResources:\n');
  let body = '';
  for (let i = 0; body.length < TEMPLATE_BYTES - 10_000; i++) {
    body += resources
      .replace(/^ {2}([A-Za-z]+):/gm, `  $1${i}:`)
      .replace(/!(Ref|GetAtt) ([A-Za-z]+)/g, `!$1 $2${i}`)
      .replace(/!GetAtt ([A-Za-z]+)\.([A-Za-z]+)/g, `!GetAtt $1${i}.$2`);
  }
  const big = `${head}\nResources:\n${body}`;
  const json = JSON.stringify(parseTemplate(big).template);
  for (const [label, text] of [
    ['YAML', big],
    ['JSON', json],
  ] as const) {
    const times: number[] = [];
    let resourcesCount = 0;
    for (let i = 0; i < 10; i++) {
      const started = process.hrtime.bigint();
      const template = resolveTemplate(
        parseTemplate(text, { maxBytes: 5 * 1024 * 1024 }),
      );
      resourcesCount = template.resources.length;
      evaluateEntity(
        {
          entity: {
            ref: 'resource:default/big',
            kind: 'Resource',
            name: 'big',
            type: 'environment',
            annotations: {},
          },
          iac: { template, source: 'big', contentHash: 'x' },
          evidence: [],
          waivers: [],
          dependencies: [],
          now,
        },
        defaultPolicy,
      );
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    print(
      `parse + resolve + evaluate ${label} template of ${(
        Buffer.byteLength(text) /
        1024 /
        1024
      ).toFixed(2)} MB (${resourcesCount} resources): median ${percentile(
        times,
        50,
      ).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`,
    );
  }
}

main();
