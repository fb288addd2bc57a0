/*
 * Test helpers for the control tests: they build an EvaluationInput the way the engine
 * does (parseTemplate → resolveTemplate → evaluateEntity with the default policy) and
 * return a lookup of the per-control results.
 *
 * Not a test file itself; imported by the `*.test.ts` files of this folder.
 */
import {
  Assessment,
  ControlResult,
  Policy,
} from '@refarch/backstage-plugin-compliance-common';
import { parseTemplate, resolveTemplate } from '../cloudformation';
import { EvaluationInput, WaiverInput } from '../evaluator/EvaluationInput';
import { evaluateEntity } from '../evaluator/evaluateEntity';
import { defaultPolicy } from '../policy/defaultPolicy';

/** A fixed evaluation time, so waivers and observations are deterministic. */
export const NOW = new Date('2026-06-01T12:00:00.000Z');

/** The result of one control by id; throws when the policy did not evaluate that control. */
export type ResultLookup = ((controlId: string) => ControlResult) & {
  assessment: Assessment;
};

export interface EvaluateOptions {
  /** Component class (`spec.type`); `environment` by default for templates. */
  type?: string;
  /** Entity kind; `Resource` by default (profile aws-environment / declared-resource). */
  kind?: string;
  name?: string;
  /** Parameter values supplied to resolveTemplate. */
  parameters?: Record<string, string>;
  waivers?: WaiverInput[];
  now?: Date;
  policy?: Policy;
}

function lookup(assessment: Assessment): ResultLookup {
  const byId = new Map(assessment.results.map(r => [r.controlId, r]));
  const fn = ((id: string) => {
    const result = byId.get(id);
    if (!result) {
      throw new Error(
        `control ${id} was not evaluated (profile ${
          assessment.profile
        }); evaluated: ${[...byId.keys()].join(', ')}`,
      );
    }
    return result;
  }) as ResultLookup;
  fn.assessment = assessment;
  return fn;
}

const COMPONENT_TYPES = new Set(['service', 'worker', 'function', 'website']);

function entityFor(
  options: EvaluateOptions,
  annotations: Record<string, string>,
  fallbackType: string,
): EvaluationInput['entity'] {
  const type = options.type ?? fallbackType;
  const kind =
    options.kind ?? (COMPONENT_TYPES.has(type) ? 'Component' : 'Resource');
  const name = options.name ?? `test-${type}`;
  return {
    ref: `${kind.toLocaleLowerCase('en-US')}:default/${name}`,
    kind,
    name,
    type,
    annotations,
  };
}

/**
 * Evaluates a CloudFormation template (YAML or JSON text) as the IaC of an entity.
 * The region for `AWS::Region` comes from the `refarch.dev/region` annotation, as in the CLI.
 */
export function evaluateYaml(
  yaml: string,
  annotations: Record<string, string> = {},
  options: EvaluateOptions = {},
): ResultLookup {
  const parsed = parseTemplate(yaml, { fileName: 'test.yaml' });
  const template = resolveTemplate(parsed, {
    parameters: options.parameters,
    region: annotations['refarch.dev/region'],
  });
  const input: EvaluationInput = {
    entity: entityFor(options, annotations, 'environment'),
    iac: { template, source: 'test.yaml', contentHash: 'test' },
    evidence: [],
    waivers: options.waivers ?? [],
    dependencies: [],
    now: options.now ?? NOW,
  };
  return lookup(evaluateEntity(input, options.policy ?? defaultPolicy));
}

/** Evaluates an entity of component class `type` with declared annotations only (no IaC). */
export function evaluateDeclared(
  type: string,
  annotations: Record<string, string>,
  options: EvaluateOptions = {},
): ResultLookup {
  const input: EvaluationInput = {
    entity: entityFor({ ...options, type }, annotations, type),
    evidence: [],
    waivers: options.waivers ?? [],
    dependencies: [],
    now: options.now ?? NOW,
  };
  return lookup(evaluateEntity(input, options.policy ?? defaultPolicy));
}

/** `refarch.dev/declared.<fact>` annotations from a map of fact → text. */
export function declared(
  facts: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(facts).map(([fact, value]) => [
      `refarch.dev/declared.${fact}`,
      value,
    ]),
  );
}

/** The annotation value that marks a declared fact as not verified. */
export const TODO = 'TODO: verification needed';

/** Paths (`logicalId` + `path`) of the resources a result points at, for compact assertions. */
export function locations(result: ControlResult): string[] {
  return result.resources.map(r =>
    [r.logicalId, r.path].filter(Boolean).join(':'),
  );
}

/** A declared-form scenario for one control: facts that pass, a change that fails, and which fact to drop or mark TODO. */
export interface DeclaredSpec {
  id: string;
  /** A component class the control applies to. */
  cls: string;
  /** Facts (id → annotation text) that satisfy the control. */
  pass: Record<string, string>;
  /** Text expected in the passing message. */
  passMessage: string;
  /** Facts overriding `pass` so that the control fails. */
  fail: Record<string, string>;
  /** Text expected in the failing message. */
  failMessage: string;
  /** A required fact: dropping it makes the result unknown. */
  missing: string;
  /** A fact that, marked TODO, makes the result unknown. Defaults to `missing`. */
  todo?: string;
  /** A component class the control does not apply to. Default `queue`. */
  notApplicableClass?: string;
  /** Entity name (some controls look at it). */
  name?: string;
  /** Extra annotations (e.g. tier). */
  annotations?: Record<string, string>;
}

/**
 * The declared-form cases of a control, as `[title, check]` pairs for `it.each`: pass,
 * fail, unknown because a fact is missing (the message names the annotation to add),
 * unknown because a fact is marked TODO, and not-applicable for a component class outside
 * `appliesTo`.
 */
export function declaredCases(spec: DeclaredSpec): Array<[string, () => void]> {
  const appliesTo: readonly string[] =
    defaultPolicy.controls.find(c => c.id === spec.id)?.appliesTo ?? [];
  const todo = spec.todo ?? spec.missing;
  const naClass = spec.notApplicableClass ?? 'queue';
  const run = (facts: Record<string, string>, cls = spec.cls) =>
    evaluateDeclared(
      cls,
      { ...(spec.annotations ?? {}), ...declared(facts) },
      { name: spec.name },
    )(spec.id);

  return [
    [
      'is set up with a class the control applies to',
      () => {
        expect(appliesTo).toContain(spec.cls);
        expect(appliesTo).not.toContain(naClass);
        expect(Object.keys(spec.pass)).toContain(spec.missing);
        expect(Object.keys(spec.pass)).toContain(todo);
      },
    ],
    [
      'passes with the declared facts',
      () => {
        const r = run(spec.pass);
        expect(r.status).toBe('pass');
        expect(r.message).toContain(spec.passMessage);
        expect(r.facts.map(f => f.source)).toEqual(
          expect.arrayContaining(
            Object.keys(spec.pass).map(f => `refarch.dev/declared.${f}`),
          ),
        );
      },
    ],
    [
      'fails when a declared fact does not meet the requirement',
      () => {
        const r = run({ ...spec.pass, ...spec.fail });
        expect(r.status).toBe('fail');
        expect(r.message).toContain(spec.failMessage);
        expect(r.message).toContain('required:');
      },
    ],
    [
      `is unknown, naming refarch.dev/declared.${spec.missing}, when that fact is missing`,
      () => {
        const r = run(
          Object.fromEntries(
            Object.entries(spec.pass).filter(([fact]) => fact !== spec.missing),
          ),
        );
        expect(r.status).toBe('unknown');
        expect(r.message).toMatch(/^Missing fact/);
        expect(r.message).toContain(`refarch.dev/declared.${spec.missing}`);
      },
    ],
    [
      `is unknown when ${todo} is marked "${TODO}"`,
      () => {
        const r = run({ ...spec.pass, [todo]: TODO });
        expect(r.status).toBe('unknown');
        expect(r.message).toContain(`${todo} (verification needed)`);
        expect(r.facts.find(f => f.id === todo)?.unverified).toBe(
          'verification needed',
        );
      },
    ],
    [
      `is not applicable to a ${naClass} entity, even with the facts declared`,
      () => {
        expect(run(spec.pass, naClass).status).toBe('not-applicable');
      },
    ],
  ];
}
