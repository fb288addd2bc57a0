import { Entity } from '@backstage/catalog-model';
import path from 'path';
import {
  SyntheticEntity,
  syntheticEntityAt,
  syntheticIndexOf,
  syntheticPartsOf,
  syntheticRefAt,
} from './syntheticEntities';

const fixtures = path.resolve(
  __dirname,
  '../plugins/compliance-node/src/__fixtures__',
);

const REF_FIELDS = ['kind', 'metadata.name', 'metadata.namespace'];
const MANAGED_BY = `file:${path.join(fixtures, 'catalog-info.yaml')}`;

/** The fixtures folder the synthetic entities' CloudFormation paths point into. */
export const SYNTHETIC_IAC_ROOT = fixtures;

/** A synthetic entity as the catalog serves it, relations included (hasPart on systems). */
export function toCatalogEntity(
  e: SyntheticEntity,
  index: number,
  count: number,
): Entity {
  const [, rest] = e.ref.split(':');
  const [namespace, name] = rest.split('/');
  const annotations: Record<string, string> = {
    ...e.annotations,
    'backstage.io/managed-by-location': MANAGED_BY,
  };
  if (e.iac)
    annotations['refarch.dev/cloudformation'] =
      e.iac === 'good' ? './service-good.yaml' : './environment-weak.yaml';
  const isSystem = e.kind === 'System';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: e.kind,
    // The catalog's etag changes with any change to the entity; a synthetic entity is a
    // function of its index and the catalog's size (a system's parts), so these name it.
    metadata: {
      name,
      namespace,
      etag: `synthetic-${index}-of-${count}`,
      annotations,
    },
    spec: { type: e.type, owner: e.owner, system: e.system },
    relations: [
      { type: 'ownedBy', targetRef: e.owner },
      ...(isSystem
        ? syntheticPartsOf(index, count).map(targetRef => ({
            type: 'hasPart',
            targetRef,
          }))
        : [{ type: 'partOf', targetRef: e.system }]),
      ...e.dependsOn.map(d => ({ type: 'dependsOn', targetRef: d })),
    ],
  };
}

/**
 * An in-memory stand-in for the catalog serving `count` synthetic entities. It computes each
 * entity when asked and holds none, so the benchmark's memory is the plugin's, not the
 * catalog's: `getEntities` builds the whole list (as a real catalog response would be held by
 * its caller), `queryEntities` pages with a cursor (refs only when only the fields of a ref are
 * asked for), `getEntitiesByRefs` looks refs up.
 */
export function syntheticCatalog(count: number) {
  const at = (i: number) => toCatalogEntity(syntheticEntityAt(i), i, count);
  const refAt = (i: number): Entity => {
    const ref = syntheticRefAt(i);
    const colon = ref.indexOf(':');
    const slash = ref.indexOf('/');
    const kind = ref.slice(0, colon);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: kind.charAt(0).toUpperCase() + kind.slice(1),
      metadata: {
        name: ref.slice(slash + 1),
        namespace: ref.slice(colon + 1, slash),
      },
    };
  };
  const byRef = (ref: string) => {
    const i = syntheticIndexOf(ref.toLocaleLowerCase('en-US'));
    return i >= 0 && i < count ? at(i) : undefined;
  };
  return {
    count,
    getEntities: async () => ({
      items: Array.from({ length: count }, (_, i) => at(i)),
    }),
    queryEntities: async (request?: {
      cursor?: string;
      limit?: number;
      fields?: string[];
    }) => {
      const start = request?.cursor ? Number(request.cursor) : 0;
      const limit = request?.limit ?? 500;
      const end = Math.min(count, start + limit);
      // As the catalog does, only the fields asked for: a page of refs costs less to serve.
      const refsOnly = request?.fields?.every(f => REF_FIELDS.includes(f));
      const items: Entity[] = [];
      for (let i = start; i < end; i++) items.push(refsOnly ? refAt(i) : at(i));
      return {
        items,
        totalItems: count,
        pageInfo: end < count ? { nextCursor: String(end) } : {},
      };
    },
    getEntityByRef: async (ref: string) => byRef(ref),
    getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
      items: entityRefs.map(byRef),
    }),
  };
}
