import { Entity } from '@backstage/catalog-model';
import { TemplateFileDigest } from '@refarch/backstage-plugin-compliance-common';
import stringify from 'fast-json-stable-stringify';
import { createHash } from 'crypto';

/** A file a template fetches, relative to the template's folder, posix separators. */
export interface TemplateFile {
  path: string;
  content: Buffer;
}

const FETCH_ACTIONS = new Set([
  'fetch:template',
  'fetch:plain',
  'fetch:template:file',
  'fetch:plain:file',
]);

/**
 * The relative paths (folders or files) a template's fetch steps read from its own
 * location. Absolute URLs and templated paths are part of the spec's hash, but their
 * content is not (it is not the template's to version).
 */
export function fetchedPaths(entity: Entity): string[] {
  // A scaffolder template's steps; anything else in the list is not a fetch step.
  const steps = (
    Array.isArray(entity.spec?.steps) ? entity.spec.steps : []
  ) as Array<{ action?: string; input?: { url?: unknown } } | null>;
  const paths = new Set<string>();
  for (const step of steps) {
    const url = step?.input?.url;
    if (
      !step?.action ||
      !FETCH_ACTIONS.has(step.action) ||
      typeof url !== 'string'
    )
      continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.includes('${{')) continue;
    const normal = url
      .replace(/\\/g, '/')
      .replace(/^\.\//, '')
      .replace(/\/+$/, '');
    paths.add(normal === '' ? '.' : normal);
  }
  return [...paths].sort();
}

/** Whether a file (relative to the template folder) lies under one of the fetched paths. */
export function isFetched(file: string, fetched: string[]): boolean {
  return fetched.some(p => p === '.' || file === p || file.startsWith(`${p}/`));
}

/**
 * The version of a template: a content hash of the entity's apiVersion, kind and spec
 * (parameters, steps, output, owner, type) and of every file its fetch steps read. Names,
 * titles, tags and what the catalog adds (uid, etag, relations) are not part of it.
 */
export function computeTemplateVersion(
  entity: Entity,
  files: TemplateFile[],
): { version: string; files: TemplateFileDigest[] } {
  const digests = files
    .map(f => ({
      path: f.path,
      sha256: createHash('sha256').update(f.content).digest('hex'),
      size: f.content.length,
    }))
    .sort((a, b) => Number(a.path > b.path) - Number(a.path < b.path));
  const hash = createHash('sha256');
  hash.update(
    stringify({
      apiVersion: entity.apiVersion,
      kind: entity.kind,
      spec: entity.spec ?? {},
    }),
  );
  for (const d of digests) hash.update(`\n${d.path}\0${d.sha256}`);
  return { version: hash.digest('hex').slice(0, 16), files: digests };
}
