import { Entity } from '@backstage/catalog-model';
import { shardOf } from './shardOf';

const entity = (
  kind: string,
  name: string,
  system?: unknown,
  namespace = 'default',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace },
  spec: system === undefined ? {} : { system },
});

describe('shardOf', () => {
  it('puts a system and its parts on one shard, however the parts name it', () => {
    for (let s = 0; s < 50; s++) {
      const shard = shardOf(entity('System', `Payments-${s}`), 4);
      expect([
        shardOf(entity('Component', `api-${s}`, `payments-${s}`), 4),
        shardOf(
          entity('Resource', `db-${s}`, `system:default/Payments-${s}`),
          4,
        ),
        shardOf(entity('Component', `ui-${s}`, `default/payments-${s}`), 4),
      ]).toEqual([shard, shard, shard]);
    }
  });

  it("reads a short system name in the part's own namespace", () => {
    const counts = new Set<number>();
    for (let s = 0; s < 50; s++) {
      const inTeam = entity('Component', `api-${s}`, `sys-${s}`, 'team');
      expect(shardOf(inTeam, 8)).toBe(
        shardOf(entity('System', `sys-${s}`, undefined, 'team'), 8),
      );
      counts.add(shardOf(inTeam, 8) - shardOf(entity('System', `sys-${s}`), 8));
    }
    // Other namespaces, other systems: not all on the default namespace's shards.
    expect(counts.size).toBeGreaterThan(1);
  });

  it('shards an entity without a (valid) system by its own ref', () => {
    for (const system of [undefined, '', 42, 'system:'])
      expect(shardOf(entity('Resource', 'lonely', system), 7)).toBe(
        shardOf(entity('Resource', 'lonely'), 7),
      );
    const shards = new Set(
      Array.from({ length: 100 }, (_, i) =>
        shardOf(entity('Resource', `lonely-${i}`), 3),
      ),
    );
    expect([...shards].sort()).toEqual([0, 1, 2]);
  });

  it('spreads systems evenly over the shards', () => {
    const counts = [0, 0];
    for (let s = 0; s < 2000; s++)
      counts[shardOf(entity('System', `sys-${s}`), 2)]++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
  });
});
