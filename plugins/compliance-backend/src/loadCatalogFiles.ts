import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';

const rel = (type: string, targetRef: string) => ({ type, targetRef });

/**
 * Loads the catalog files under a folder as the catalog would serve them, with the
 * relations the built-in processors derive from spec fields. For tests and benchmarks
 * that need the documented architectures without running the catalog.
 *
 * @internal
 */
export function loadCatalogFiles(dir: string): Entity[] {
  const entities: Entity[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'checklists') walk(full);
      else if (e.isFile() && /\.ya?ml$/.test(e.name)) {
        for (const doc of YAML.parseAllDocuments(
          fs.readFileSync(full, 'utf8'),
        )) {
          const entity = doc.toJS() as Entity;
          if (!entity?.kind || entity.kind === 'Location') continue;
          entity.metadata.namespace ??= 'default';
          entity.metadata.annotations = {
            'backstage.io/managed-by-location': `file:${full}`,
            ...entity.metadata.annotations,
          };
          entities.push(entity);
        }
      }
    }
  };
  walk(dir);
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const add = (from: string, type: string, to: string) => {
    const e = byRef.get(from);
    if (e) e.relations = [...(e.relations ?? []), rel(type, to)];
  };
  for (const e of entities) {
    const self = stringifyEntityRef(e);
    const ref = (value: string, kind: string) =>
      stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: kind,
          defaultNamespace: 'default',
        }),
      );
    const spec = (e.spec ?? {}) as Record<string, any>;
    if (spec.owner) {
      add(self, 'ownedBy', ref(spec.owner, 'group'));
      add(ref(spec.owner, 'group'), 'ownerOf', self);
    }
    for (const [field, kind] of [
      ['system', 'system'],
      ['domain', 'domain'],
    ] as const) {
      if (spec[field]) {
        add(self, 'partOf', ref(spec[field], kind));
        add(ref(spec[field], kind), 'hasPart', self);
      }
    }
    for (const target of spec.dependsOn ?? []) {
      add(self, 'dependsOn', ref(target, 'component'));
      add(ref(target, 'component'), 'dependencyOf', self);
    }
  }
  return entities;
}
