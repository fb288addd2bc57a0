import { asText } from './asText';
import type { CloudFormationTemplate } from './parseTemplate';
import { hasOwn, isRecord, setOwn } from './records';
import type { ResolvedResource } from './resolveTemplate';
import { ResourceReference } from './ResourceReference';
import { isUnknown, Unknown, withExpression } from './Unknown';
import { NO_VALUE } from './noValue';
import { PseudoParameters } from './pseudoParameter';
import { resolveParameters } from './resolveParameters';
import { WorkBudget } from './WorkBudget';
import type { ScopeOptions } from './ScopeOptions';
import { nestedStackOptions } from './nestedStackOptions';
import { MAX_RESOLVE_DEPTH } from './maxResolveDepth';
import { STACK_TYPE } from './stackType';
import type { IntrinsicScope } from './intrinsics/IntrinsicScope';
import { intrinsicText } from './intrinsics/intrinsicText';
import { ref } from './intrinsics/ref';
import { getAtt } from './intrinsics/getAtt';
import { fnIf } from './intrinsics/fnIf';
import { sub } from './intrinsics/sub';
import { join } from './intrinsics/join';
import { select } from './intrinsics/select';
import { split } from './intrinsics/split';
import { findInMap } from './intrinsics/findInMap';
import { evaluateCondition } from './intrinsics/evaluateCondition';
import { length } from './intrinsics/length';
import { unevaluated } from './intrinsics/unevaluated';

/** Conditions referring to conditions: a chain longer than this is left unknown (each link is a stack frame). */
const MAX_CONDITION_CHAIN = 64;

/** Distinct warnings kept per template; the rest are counted. */
const MAX_WARNINGS = 100;

/**
 * One template being resolved: the root, or a nested stack with its own
 * parameters and conditions. Holds the memoized conditions and nested stacks,
 * and hands each intrinsic function to its implementation in `./intrinsics`.
 *
 * @internal
 */
export class TemplateScope implements IntrinsicScope {
  readonly parameters: Map<string, unknown>;
  readonly noEchoParameters: string[];
  private readonly conditions = new Map<string, boolean | Unknown>();
  private readonly evaluating = new Set<string>();
  private readonly properties = new Map<string, Record<string, unknown>>();
  private readonly nested = new Map<string, TemplateScope | undefined>();
  private readonly loadingNested = new Set<string>();
  private readonly outputs = new Map<string, unknown>();
  private readonly template: CloudFormationTemplate;

  constructor(private readonly options: ScopeOptions) {
    this.template = options.template;
    const { values, noEcho } = resolveParameters(
      options.template,
      options.supplied,
    );
    this.parameters = values;
    this.noEchoParameters = noEcho;
  }

  get prefix(): string {
    return this.options.prefix;
  }

  get pseudo(): PseudoParameters {
    return this.options.pseudo;
  }

  get mappings(): CloudFormationTemplate['Mappings'] {
    return this.template.Mappings;
  }

  get budget(): WorkBudget {
    return this.options.budget;
  }

  warn(message: string): void {
    const { source, warnings } = this.options;
    const text = source === 'root' ? message : `${source}: ${message}`;
    if (warnings.size < MAX_WARNINGS) {
      warnings.add(text);
    } else if (!warnings.has(text)) {
      this.options.budget.droppedWarnings++;
    }
  }

  /** Every declared condition, evaluated. */
  conditionValues(): Record<string, boolean | Unknown> {
    const result: Record<string, boolean | Unknown> = {};
    for (const name of Object.keys(this.template.Conditions ?? {})) {
      setOwn(
        result,
        name,
        this.at(['Conditions', name], () => this.condition(name)),
      );
    }
    return result;
  }

  /** Appends the included resources, nested stacks' ones after their stack. */
  collectResources(out: ResolvedResource[], inherited?: Unknown): void {
    const { prefix, source } = this.options;
    for (const [id, declared] of Object.entries(
      this.template.Resources ?? {},
    )) {
      if (!isRecord(declared) || typeof declared.Type !== 'string') {
        this.warn(
          id.startsWith('Fn::ForEach')
            ? `${id} is not expanded: the resources it creates are not analysed`
            : `resource ${id} has no Type and is skipped`,
        );
        continue;
      }
      let included: true | Unknown = inherited ?? true;
      if (declared.Condition !== undefined) {
        const name = declared.Condition;
        const value =
          typeof name === 'string'
            ? this.condition(name)
            : new Unknown(`the Condition of ${id} is not a condition name`);
        if (value === false) {
          continue;
        }
        if (isUnknown(value) && included === true) {
          included = new Unknown(
            `${prefix}${id} exists only if condition ${String(
              name,
            )} holds, which cannot be decided: ${value.reason}`,
          );
        }
      }
      const deletionPolicy = this.policy(
        id,
        'DeletionPolicy',
        declared.DeletionPolicy,
      );
      const updateReplacePolicy = this.policy(
        id,
        'UpdateReplacePolicy',
        declared.UpdateReplacePolicy,
      );
      out.push({
        logicalId: `${prefix}${id}`,
        type: declared.Type,
        properties: this.resourceProperties(id),
        included,
        ...(deletionPolicy !== undefined && { deletionPolicy }),
        ...(updateReplacePolicy !== undefined && { updateReplacePolicy }),
        source,
      });
      if (declared.Type === STACK_TYPE) {
        this.nestedScope(id)?.collectResources(
          out,
          included === true ? undefined : included,
        );
      }
    }
  }

  /** The value of one of this template's Outputs, for `GetAtt Stack.Outputs.Name` in the parent. */
  output(name: string): unknown {
    const outputs = this.template.Outputs;
    const declared = hasOwn(outputs, name) ? outputs![name] : undefined;
    if (!isRecord(declared) || !('Value' in declared)) {
      return new Unknown(`${this.options.source} declares no output ${name}`);
    }
    if (this.outputs.has(name)) {
      return this.outputs.get(name);
    }
    const resolved = this.at(['Outputs', name, 'Value'], () =>
      this.resolve(declared.Value, 0),
    );
    const value =
      resolved === NO_VALUE
        ? new Unknown(`output ${name} has no value`)
        : resolved;
    this.outputs.set(name, value);
    return value;
  }

  condition(name: string): boolean | Unknown {
    const known = this.conditions.get(name);
    if (known !== undefined) {
      return known;
    }
    const declared = this.template.Conditions;
    if (!hasOwn(declared, name)) {
      this.warn(`condition ${name} is used but not declared`);
      const missing = new Unknown(`condition ${name} is not declared`);
      this.conditions.set(name, missing);
      return missing;
    }
    if (this.evaluating.has(name)) {
      this.warn(`condition ${name} depends on itself`);
      return new Unknown(`condition ${name} depends on itself`);
    }
    if (this.evaluating.size >= MAX_CONDITION_CHAIN) {
      this.warn(
        `condition ${name} is reached through more than ${MAX_CONDITION_CHAIN} conditions`,
      );
      return new Unknown(
        `condition ${name} is reached through more than ${MAX_CONDITION_CHAIN} conditions`,
      );
    }
    this.evaluating.add(name);
    let value: boolean | Unknown;
    try {
      value = evaluateCondition(this, declared![name], 0);
    } finally {
      this.evaluating.delete(name);
    }
    this.conditions.set(name, value);
    return value;
  }

  /**
   * Resolves a template value: intrinsics are evaluated, what cannot be known
   * becomes an {@link Unknown}, and `AWS::NoValue` yields {@link NO_VALUE}
   * (removed by the enclosing mapping or list).
   */
  resolve(value: unknown, depth: number): unknown {
    if (typeof value !== 'object' || value === null) {
      return value;
    }
    if (isUnknown(value) || value instanceof ResourceReference) {
      return value;
    }
    if (depth > MAX_RESOLVE_DEPTH) {
      return new Unknown('the value nests too deeply to be resolved');
    }
    const { budget } = this.options;
    budget.step('a value');
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      budget.step('a list', value.length);
      for (let i = 0; i < value.length; i++) {
        budget.enter(i);
        const resolved = this.resolve(value[i], depth + 1);
        budget.leave();
        if (resolved !== NO_VALUE) {
          items.push(resolved);
        }
      }
      return items;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (
      keys.length === 1 &&
      (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))
    ) {
      budget.enterIntrinsic();
      const resolved = this.intrinsic(keys[0], record[keys[0]], depth + 1);
      budget.leaveIntrinsic();
      return withExpression(resolved, keys[0], record);
    }
    if (keys.length === 1 && keys[0].startsWith('Rain::')) {
      return this.preprocessorDirective(keys[0], record[keys[0]]);
    }
    const result: Record<string, unknown> = {};
    budget.step('a mapping', keys.length);
    for (const key of keys) {
      budget.enter(key);
      const resolved = this.resolve(record[key], depth + 1);
      budget.leave();
      if (resolved !== NO_VALUE) {
        setOwn(result, key, resolved);
      }
    }
    return result;
  }

  /** A `rain pkg` directive (`!Rain::Embed file`): its value exists only once packaged. */
  private preprocessorDirective(name: string, argument: unknown): Unknown {
    this.warn(
      `the template uses the rain pre-processor (${name}): values it inserts are only known after rain pkg`,
    );
    const shown = JSON.stringify(argument) ?? '';
    return new Unknown(
      `${name} ${
        shown.length > 80 ? `${shown.slice(0, 80)}…` : shown
      } is a rain pre-processor directive, expanded only by rain pkg`,
    );
  }

  /** Resolves the value at `path` of this template, for the budget's error messages. */
  private at<T>(path: string[], fn: () => T): T {
    return this.options.budget.at(this.options.source, path, fn);
  }

  hasResource(id: string): boolean {
    return hasOwn(this.template.Resources, id);
  }

  declaredResource(id: string): Record<string, unknown> | undefined {
    const declared = hasOwn(this.template.Resources, id)
      ? this.template.Resources[id]
      : undefined;
    return isRecord(declared) ? declared : undefined;
  }

  private resourceProperties(id: string): Record<string, unknown> {
    const cached = this.properties.get(id);
    if (cached) {
      return cached;
    }
    const declared = this.declaredResource(id)?.Properties;
    let properties: Record<string, unknown> = {};
    if (declared !== undefined) {
      const resolved = this.at(['Resources', id, 'Properties'], () =>
        this.resolve(declared, 0),
      );
      if (isRecord(resolved)) {
        properties = resolved;
      } else if (resolved !== NO_VALUE) {
        this.warn(
          `the Properties of ${id} cannot be resolved to a mapping${
            isUnknown(resolved) ? ` (${resolved.reason})` : ''
          }; they are analysed as empty`,
        );
      }
    }
    this.properties.set(id, properties);
    return properties;
  }

  private policy(
    id: string,
    name: string,
    declared: unknown,
  ): string | undefined {
    if (declared === undefined || typeof declared === 'string') {
      return declared;
    }
    const resolved = this.at(['Resources', id, name], () =>
      this.resolve(declared, 0),
    );
    if (typeof resolved === 'string') {
      return resolved;
    }
    this.warn(
      `the ${name} of ${id} cannot be resolved${
        isUnknown(resolved) ? ` (${resolved.reason})` : ''
      }`,
    );
    return undefined;
  }

  private intrinsic(name: string, arg: unknown, depth: number): unknown {
    switch (name) {
      case 'Ref':
        return ref(this, arg, depth);
      case 'Fn::GetAtt':
        return getAtt(this, arg, depth);
      case 'Fn::If':
        return fnIf(this, arg, depth);
      case 'Fn::Sub':
        return sub(this, arg, depth);
      case 'Fn::Join':
        return join(this, arg, depth);
      case 'Fn::Select':
        return select(this, arg, depth);
      case 'Fn::Split':
        return split(this, arg, depth);
      case 'Fn::FindInMap':
        return findInMap(this, arg, depth);
      case 'Fn::Base64':
        // Controls look at what is encoded (user data), not at the encoding.
        return asText(this.resolve(arg, depth), name);
      case 'Fn::Length':
        return length(this, arg, depth);
      case 'Fn::GetAZs':
      case 'Fn::ImportValue':
      case 'Fn::Cidr':
      case 'Fn::Transform':
      case 'Fn::ToJsonString':
        return unevaluated(this, name, arg, depth);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return evaluateCondition(this, { [name]: arg }, depth);
      default:
        this.warn(`unsupported intrinsic function ${name}`);
        return new Unknown(`${intrinsicText(name, arg)} is not supported`);
    }
  }

  nestedScope(id: string): TemplateScope | undefined {
    if (this.nested.has(id)) {
      return this.nested.get(id);
    }
    if (this.loadingNested.has(id)) {
      // Sibling stacks feeding each other's outputs: leave the outputs as references.
      return undefined;
    }
    this.loadingNested.add(id);
    try {
      const scope = this.loadNestedScope(id);
      this.nested.set(id, scope);
      return scope;
    } finally {
      this.loadingNested.delete(id);
    }
  }

  private loadNestedScope(id: string): TemplateScope | undefined {
    const options = nestedStackOptions(
      this.options,
      id,
      this.resourceProperties(id),
      message => this.warn(message),
    );
    return options && new TemplateScope(options);
  }
}
