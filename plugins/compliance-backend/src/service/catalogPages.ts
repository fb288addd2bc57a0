import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ASSESSED_KINDS,
  ENTITY_FIELDS,
  dependsOnRefs,
  neighbourRefs,
} from './entityInputs';

/** Entities per catalog page of a pass: bounds what a pass holds at once. @internal */
export const CATALOG_PAGE_SIZE = 500;

/** The fields that make an entity's ref. */
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * One page of a pass: the refs of every assessed entity on it, and the entities it takes
 * with their refs (`entityRefs[i]` is the ref of `entities[i]`, computed once per pass).
 */
export interface CatalogPage {
  refs: string[];
  entities: Entity[];
  entityRefs: string[];
}

/**
 * The assessed entities of the catalog, a page at a time (the catalog's cursor and only the
 * fields an evaluation reads), so a pass never holds the whole catalog. The next page is
 * requested while the caller works on this one: at most two pages are held.
 *
 * With `take` (a replica's shard), a page is read as refs only and the entities `take` keeps
 * are then read by ref (issue 19): each of N replicas reads the whole catalog's refs but only
 * its own 1/N of the entities, instead of every entity of every shard.
 *
 * @internal
 */
export async function* catalogPages(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  options: { take?: (ref: string) => boolean; pageSize?: number } = {},
): AsyncGenerator<CatalogPage> {
  const { take, pageSize = CATALOG_PAGE_SIZE } = options;
  const fields = take ? REF_FIELDS : ENTITY_FIELDS;
  const read = async (cursor?: string) => {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, limit: pageSize, fields }
        : { filter: { kind: ASSESSED_KINDS }, limit: pageSize, fields },
      { credentials },
    );
    const refs = response.items.map(e => stringifyEntityRef(e));
    let entities = response.items;
    let entityRefs = refs;
    if (take) {
      const taken = refs.filter(take);
      // The catalog answers by position: an entity removed since the refs were read is null.
      const items = taken.length
        ? (
            await catalog.getEntitiesByRefs(
              { entityRefs: taken, fields: ENTITY_FIELDS },
              { credentials },
            )
          ).items
        : [];
      entities = [];
      entityRefs = [];
      items.forEach((e, i) => {
        if (!e) return;
        entities.push(e);
        entityRefs.push(taken[i]);
      });
    }
    return { refs, entities, entityRefs, cursor: response.pageInfo.nextCursor };
  };
  let next: ReturnType<typeof read> | undefined = read();
  while (next) {
    const page: Awaited<ReturnType<typeof read>> = await next;
    next = page.cursor ? read(page.cursor) : undefined;
    // A failed read ahead is thrown when the caller asks for that page, not as unhandled.
    next?.catch(() => {});
    if (page.refs.length)
      yield {
        refs: page.refs,
        entities: page.entities,
        entityRefs: page.entityRefs,
      };
  }
}

/**
 * The index an evaluation of `entities` needs: the entities themselves and everything their
 * cross-entity context reaches (a system's parts and what they depend on, a component's
 * dependencies two levels deep, each entity's system for its domain), looked up by ref in
 * the catalog. Its size depends on the page, not on the catalog. `refs`: the entities' refs,
 * when the caller has them.
 *
 * @internal
 */
export async function withNeighbours(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entities: Entity[],
  refs: string[] = entities.map(e => stringifyEntityRef(e)),
): Promise<Map<string, Entity>> {
  const index = new Map(entities.map((e, i) => [refs[i], e]));
  const fetch = async (wanted: Iterable<string>) => {
    const missing = [...new Set(wanted)].filter(r => !index.has(r));
    for (let i = 0; i < missing.length; i += CATALOG_PAGE_SIZE) {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: missing.slice(i, i + CATALOG_PAGE_SIZE),
          fields: ENTITY_FIELDS,
        },
        { credentials },
      );
      for (const e of items) if (e) index.set(stringifyEntityRef(e), e);
    }
  };
  const first = entities.flatMap(neighbourRefs);
  await fetch(first);
  await fetch(
    first.flatMap(r => {
      const e = index.get(r);
      return e ? dependsOnRefs(e) : [];
    }),
  );
  return index;
}
