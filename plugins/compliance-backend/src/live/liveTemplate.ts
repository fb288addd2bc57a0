import {
  ResolvedResource,
  ResolvedTemplate,
  isResourceReference,
  isUnknown,
  parseTemplate,
  resolveTemplate,
  TemplateInput,
} from '@refarch/backstage-plugin-compliance-node';
import { createHash } from 'crypto';
import { LiveStackDrift, LiveStackSnapshot } from './types';

/** The deployed template, analysed, as the evaluator takes it. @internal */
export type LiveTemplate = TemplateInput | { error: string; source: string };

/** When what the evaluator judges was seen: the stack read, or a later drift check. */
export function liveObservedAt(
  snapshot: LiveStackSnapshot,
  drift: LiveStackDrift | undefined,
): string {
  return drift?.resources.length && drift.checkedAt > snapshot.readAt
    ? drift.checkedAt
    : snapshot.readAt;
}

const MAX_SHOWN = 5;

function parseActual(value: string): unknown {
  const t = value.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}

/** Sets or removes a value at a JSON pointer (`/BucketEncryption/Rules/0`) in a copy. */
function applyAt(
  properties: Record<string, unknown>,
  pointer: string,
  value: unknown,
  remove: boolean,
): Record<string, unknown> {
  const keys = pointer
    .split('/')
    .slice(1)
    .map(k => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!keys.length) return properties;
  const copy = (v: unknown): any => {
    if (Array.isArray(v)) return [...v];
    return v && typeof v === 'object' ? { ...v } : {};
  };
  const root = copy(properties);
  let node = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = copy(node[keys[i]]);
    node[keys[i]] = next;
    node = next;
  }
  const last = keys[keys.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

/**
 * What runs instead of what the template says: drifted properties take their actual
 * values, deleted resources leave the template. Only resources CloudFormation reported
 * as MODIFIED or DELETED change.
 *
 * @internal
 */
export function overlayDrift(
  template: ResolvedTemplate,
  drift: LiveStackDrift | undefined,
): ResolvedTemplate {
  if (!drift?.resources.length) return template;
  const byId = new Map(drift.resources.map(r => [r.logicalId, r]));
  const resources: ResolvedResource[] = [];
  for (const r of template.resources) {
    const d = byId.get(r.logicalId);
    if (!d) resources.push(r);
    else if (d.status === 'DELETED') continue;
    else {
      let properties = r.properties;
      for (const diff of d.differences)
        properties = applyAt(
          properties,
          diff.path,
          parseActual(diff.actual),
          diff.type === 'REMOVE',
        );
      resources.push({ ...r, properties });
    }
  }
  return { ...template, resources };
}

const comparable = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => {
    if (isUnknown(v)) return '<unknown>';
    if (isResourceReference(v)) return String(v);
    return v;
  }) ?? 'undefined';

/**
 * Resources whose type or properties differ between the repository and the deployed
 * template (a value the repository cannot resolve statically matches anything).
 *
 * @internal
 */
export function templateDifferences(
  repository: ResolvedTemplate,
  deployed: ResolvedTemplate,
): string[] {
  const repo = new Map(repository.resources.map(r => [r.logicalId, r]));
  const live = new Map(deployed.resources.map(r => [r.logicalId, r]));
  const out: string[] = [];
  for (const [id, r] of live) {
    const mine = repo.get(id);
    if (!mine) out.push(`${id} only deployed`);
    else if (mine.type !== r.type)
      out.push(`${id} type ${mine.type} → ${r.type}`);
    else {
      const keys = new Set([
        ...Object.keys(mine.properties),
        ...Object.keys(r.properties),
      ]);
      const changed = [...keys].filter(
        k =>
          !isUnknown(mine.properties[k]) &&
          comparable(mine.properties[k]) !== comparable(r.properties[k]) &&
          !comparable(mine.properties[k]).includes('<unknown>'),
      );
      if (changed.length) out.push(`${id} (${changed.join(', ')})`);
    }
  }
  for (const id of repo.keys())
    if (!live.has(id)) out.push(`${id} only in the repository`);
  return out;
}

/**
 * Analyses the processed template of a deployed stack with the parameter values it runs
 * with, overlays drift, and compares it with the repository's template.
 *
 * @internal
 */
export function buildLiveTemplate(
  body: string,
  snapshot: LiveStackSnapshot,
  drift: LiveStackDrift | undefined,
  repository: ResolvedTemplate | undefined,
  maxBytes = 5 * 1024 * 1024,
): { live: LiveTemplate; differences?: string[] } {
  const source = `deployed stack ${snapshot.stackName} (${snapshot.stackArn})`;
  const contentHash = createHash('sha256')
    .update(snapshot.templateHash ?? body)
    .update(JSON.stringify(snapshot.parameters ?? []))
    .update(JSON.stringify(drift?.resources ?? []))
    .digest('hex');
  let resolved: ResolvedTemplate;
  let differences: string[] | undefined;
  try {
    const parsed = parseTemplate(body, {
      maxBytes,
      fileName: 'deployed template',
    });
    const resolve = (parameters: Record<string, string>) =>
      resolveTemplate(parsed, {
        parameters,
        region: snapshot.region,
        accountId: snapshot.accountId,
        stackName: snapshot.stackName,
      });
    resolved = resolve(
      Object.fromEntries(
        (snapshot.parameters ?? []).map(p => [p.key, p.value]),
      ),
    );
    // Compared with the repository's parameter values: other parameters are not another template.
    if (repository)
      differences = templateDifferences(
        repository,
        resolve(
          Object.fromEntries(
            Object.entries(repository.parameters)
              .filter(([, v]) => typeof v === 'string')
              .map(([k, v]) => [k, v as string]),
          ),
        ),
      );
  } catch (e) {
    return { live: { error: String((e as Error)?.message ?? e), source } };
  }
  const warnings = [...resolved.warnings];
  if (differences?.length)
    warnings.push(
      `deployed template differs from the repository: ${differences
        .slice(0, MAX_SHOWN)
        .join('; ')}${
        differences.length > MAX_SHOWN
          ? ` (and ${differences.length - MAX_SHOWN} more)`
          : ''
      }`,
    );
  const drifted = drift?.resources ?? [];
  if (drifted.length)
    warnings.push(
      `drifted from its template (actual values evaluated): ${drifted
        .slice(0, MAX_SHOWN)
        .map(
          r =>
            `${r.logicalId} ${r.status}${
              r.differences.length
                ? ` ${r.differences.map(d => d.path).join(', ')}`
                : ''
            }`,
        )
        .join('; ')}`,
    );
  return {
    live: {
      template: { ...overlayDrift(resolved, drift), warnings },
      source,
      contentHash,
      provenance: 'live',
      observedAt: liveObservedAt(snapshot, drift),
    },
    differences,
  };
}
