type Schema = {
  properties?: Record<string, any>;
  required?: string[];
  dependencies?: Record<string, { oneOf?: Schema[] } | string[]>;
};

function sample(schema: any, required: boolean): unknown {
  if (!schema || typeof schema !== 'object') return undefined;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length)
    return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (required && Array.isArray(schema.enum) && schema.enum.length)
    return schema.enum[0];
  return undefined;
}

function matches(schema: any, value: unknown): boolean {
  if (!schema) return true;
  if (schema.const !== undefined) return schema.const === value;
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  return value !== undefined;
}

function fill(page: Schema, values: Record<string, unknown>) {
  const required = new Set(page.required ?? []);
  for (const [name, prop] of Object.entries(page.properties ?? {})) {
    if (values[name] !== undefined) continue;
    const v = sample(prop, required.has(name));
    if (v !== undefined) values[name] = v;
  }
  for (const [name, dep] of Object.entries(page.dependencies ?? {})) {
    if (Array.isArray(dep) || !dep.oneOf) continue;
    const branch = dep.oneOf.find(b =>
      matches(b.properties?.[name], values[name]),
    );
    if (branch)
      fill(
        {
          ...branch,
          properties: Object.fromEntries(
            Object.entries(branch.properties ?? {}).filter(([k]) => k !== name),
          ),
        },
        values,
      );
  }
}

/**
 * The inputs a review dry run uses: per parameter its `default`, else its first `examples`
 * entry, else its `const`, else (when required) its first `enum` value; `dependencies`
 * with `oneOf` branches are followed for the chosen values.
 */
export function defaultTemplateValues(
  parameters: unknown,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const pages = (
    Array.isArray(parameters) ? parameters : [parameters].filter(Boolean)
  ) as Schema[];
  for (const page of pages) fill(page, values);
  return values;
}
