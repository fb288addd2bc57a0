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
  });

  it('with take, gives every ref but reads in full only the entities taken', async () => {
    const take = (ref: string) => Number(ref.split('-')[1]) % 4 === 1;
    const refs: string[] = [];
    const taken: Entity[] = [];
    for await (const page of catalogPages(catalog, credentials, {
      pageSize: 500,
      take,
    })) {
      refs.push(...page.refs);
      taken.push(...page.entities);
    }
    expect(refs.sort()).toEqual([...assessed].sort());
    expect(taken.map(e => stringifyEntityRef(e)).sort()).toEqual(
      assessed.filter(take).sort(),
    );
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
