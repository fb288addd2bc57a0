import { Entity, parseEntityRef } from '@backstage/catalog-model';

/** The fields of an entity its shard is computed from. @internal */
export const SHARD_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.system',
];

/**
 * What an entity is sharded by: the system it is part of (a System's own ref for a System),
 * otherwise its own ref. A System and its parts are then evaluated by one replica, on one
 * page: evaluating them reads each other (a system's parts, a component's system and
 * dependencies), so those reads find the entities already on the page instead of reading
 * another shard's entities by ref. Lower case, as the catalog compares refs (`toLowerCase`:
 * only the same key on every replica matters, and the locale-aware call costs 3 µs a ref).
 */
function shardKey(entity: Entity): string {
  const namespace = entity.metadata.namespace ?? 'default';
  const own = `${entity.kind}:${namespace}/${entity.metadata.name}`;
  if (entity.kind.toLowerCase() === 'system') return own.toLowerCase();
  const system = entity.spec?.system;
  if (typeof system === 'string' && system) {
    try {
      const ref = parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: namespace,
      });
      return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
    } catch {
      // A malformed system is reported by the evaluation; the entity keeps its own shard.
    }
  }
  return own.toLowerCase();
}

/**
 * The stable shard (0 … shards - 1) of an entity read with at least {@link SHARD_FIELDS}.
 *
 * @internal
 */
export function shardOf(entity: Entity, shards: number): number {
  const key = shardKey(entity);
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % shards;
}
