import { CATALOG_FILTER_EXISTS } from '@backstage/plugin-catalog-react';
import { entityPickerFilter } from './entityPickerFilter';

describe('entityPickerFilter', () => {
  it("reads a template's catalogFilter: the filter, its kinds and the kind of short-form values", () => {
    expect(entityPickerFilter({ catalogFilter: { kind: ['System'] } })).toEqual(
      {
        filter: [{ kind: ['System'] }],
        kinds: ['System'],
        defaultKind: 'System',
        defaultNamespace: undefined,
      },
    );
  });

  it('turns { exists: true } into the catalog\'s "exists" filter and names every kind of a list of filters', () => {
    const { filter, kinds, defaultKind } = entityPickerFilter({
      catalogFilter: [
        {
          kind: 'Group',
          'metadata.annotations.pagerduty.com/service-id': { exists: true },
        },
        { Kind: ['User', 'Group'] },
      ],
    });
    expect(filter).toEqual([
      {
        kind: 'Group',
        'metadata.annotations.pagerduty.com/service-id': CATALOG_FILTER_EXISTS,
      },
      { Kind: ['User', 'Group'] },
    ]);
    expect(kinds).toEqual(['Group', 'User']);
    // Two kinds: a short-form value needs the template's defaultKind.
    expect(defaultKind).toBeUndefined();
  });

  it('keeps the older allowedKinds and an explicit defaultKind; no options, no filter', () => {
    expect(
      entityPickerFilter({
        allowedKinds: ['Group', 'User'],
        defaultKind: 'Group',
        defaultNamespace: 'ops',
      }),
    ).toEqual({
      filter: [{ kind: ['Group', 'User'] }],
      kinds: ['Group', 'User'],
      defaultKind: 'Group',
      defaultNamespace: 'ops',
    });
    expect(entityPickerFilter()).toEqual({
      filter: undefined,
      kinds: [],
      defaultKind: undefined,
      defaultNamespace: undefined,
    });
  });
});
