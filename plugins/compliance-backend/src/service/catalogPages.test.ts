import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogPages } from './catalogPages';

const entities: Entity[] = Array.from({ length: 1_203 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: i % 3 ? 'Resource' : 'Component',
  metadata: {
    name: `e-${i}`,
    namespace: 'default',
    annotations: { 'refarch.dev/declared.multi-az': String(i % 2 === 0) },
  },
  spec: { type: 'database', owner: 'group:default/team' },
}));
// Not assessed: never part of a page.
entities.push({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team', namespace: 'default' },
  spec: { type: 'team', children: [] },
});

describe('catalogPages', () => {
  const catalog = catalogServiceMock({ entities });
  const credentials = mockCredentials.service();
  const assessed = entities
    .filter(e => e.kind !== 'Group')
    .map(e => stringifyEntityRef(e));

  it('reads every assessed entity a page at a time', async () => {
    const pages = [];
    for await (const page of catalogPages(catalog, credentials, {
      pageSize: 500,
    }))
      pages.push(page);
    expect(pages.map(p => p.refs.length)).toEqual([500, 500, 203]);
    expect(pages.flatMap(p => p.refs).sort()).toEqual([...assessed].sort());
    expect(
      pages.flatMap(p => p.entities.map(e => stringifyEntityRef(e))),
    ).toEqual(pages.flatMap(p => p.refs));
    expect(pages.flatMap(p => p.entityRefs)).toEqual(
      pages.flatMap(p => p.refs),
    );
  });

  it('with take, gives every ref but reads in full only the entities taken', async () => {
    const take = (ref: string) => Number(ref.split('-')[1]) % 4 === 1;
    // An entity taken but removed before it is read by ref: the catalog answers null for it.
    const removed = assessed.filter(take)[7];
    const changing = {
      queryEntities: catalog.queryEntities.bind(catalog),
      getEntitiesByRefs: async (request: any, options: any) => {
        const response = await catalog.getEntitiesByRefs(request, options);
        return {
          items: response.items.map(e =>
            e && stringifyEntityRef(e) === removed ? undefined : e,
          ),
        };
      },
    } as typeof catalog;
    const refs: string[] = [];
    const taken: Entity[] = [];
    const takenRefs: string[] = [];
    for await (const page of catalogPages(changing, credentials, {
      pageSize: 500,
      take,
    })) {
      refs.push(...page.refs);
      taken.push(...page.entities);
      takenRefs.push(...page.entityRefs);
    }
    expect(refs.sort()).toEqual([...assessed].sort());
    expect(taken.map(e => stringifyEntityRef(e)).sort()).toEqual(
      assessed.filter(ref => take(ref) && ref !== removed).sort(),
    );
    // Each entity's ref beside it, the removed one skipped.
    expect(takenRefs).toEqual(taken.map(e => stringifyEntityRef(e)));
    // The entities taken carry what an evaluation reads.
    for (const e of taken) {
      const i = Number(e.metadata.name.split('-')[1]);
      expect(e.metadata.annotations?.['refarch.dev/declared.multi-az']).toBe(
        String(i % 2 === 0),
      );
      expect(e.spec?.type).toBe('database');
    }
  });
});
