import { Entity } from '@backstage/catalog-model';
import { TemplateFileDiff } from '@refarch/backstage-plugin-compliance-common';
import { createTwoFilesPatch } from 'diff';
import YAML from 'yaml';
import { TemplateSnapshot } from '../store/TemplateReviewStore';
import { TemplateFile } from './templateVersion';

/** Files larger than this, or with a NUL byte, are kept as digests only (no text, no diff). */
const MAX_TEXT = 256 * 1024;
const SPEC_FILE = 'template.yaml (spec)';

const isText = (b: Buffer) => b.length <= MAX_TEXT && !b.includes(0);

/** What is kept of a version for diffs: the spec as YAML and the text files. */
export function snapshotOf(
  entity: Entity,
  files: TemplateFile[],
  digests: TemplateSnapshot['files'],
): TemplateSnapshot {
  const text = new Map(
    files.map(f => [
      f.path,
      isText(f.content) ? f.content.toString('utf8') : undefined,
    ]),
  );
  return {
    spec: YAML.stringify({
      apiVersion: entity.apiVersion,
      kind: entity.kind,
      spec: entity.spec,
    }),
    files: digests.map(d => ({ ...d, text: text.get(d.path) })),
  };
}

/** Per-file unified diffs from the last approved snapshot (or nothing) to the current one. */
export function diffSnapshots(
  base: TemplateSnapshot | undefined,
  next: TemplateSnapshot,
  baseVersion?: string,
  nextVersion?: string,
): TemplateFileDiff[] {
  const from = new Map<string, { sha256: string; text?: string }>(
    base ? [[SPEC_FILE, { sha256: base.spec, text: base.spec }]] : [],
  );
  for (const f of base?.files ?? []) from.set(f.path, f);
  const to = new Map<string, { sha256: string; text?: string }>([
    [SPEC_FILE, { sha256: next.spec, text: next.spec }],
  ]);
  for (const f of next.files) to.set(f.path, f);
  const out: TemplateFileDiff[] = [];
  const label = (v?: string) => (v ? `@${v}` : '');
  // The template's spec first, then the files by path.
  const specFirst = (p: string) => (p === SPEC_FILE ? 0 : 1);
  for (const path of [...new Set([...from.keys(), ...to.keys()])].sort(
    (a, b) => specFirst(a) - specFirst(b) || a.localeCompare(b),
  )) {
    const a = from.get(path);
    const b = to.get(path);
    if (a && b && a.sha256 === b.sha256) continue;
    let change: 'added' | 'removed' | 'modified' = 'modified';
    if (!a) change = 'added';
    else if (!b) change = 'removed';
    const textA = a ? a.text : '';
    const textB = b ? b.text : '';
    const patch =
      textA !== undefined && textB !== undefined
        ? createTwoFilesPatch(
            `${path}${label(baseVersion)}`,
            `${path}${label(nextVersion)}`,
            textA,
            textB,
            undefined,
            undefined,
            { context: 3 },
          )
        : undefined;
    out.push({ path, change, patch });
  }
  return out;
}
