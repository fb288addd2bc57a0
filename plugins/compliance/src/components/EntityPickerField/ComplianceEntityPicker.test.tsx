import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ComplianceEntityPicker } from './ComplianceEntityPicker';

const group = (name: string, title: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title },
  spec: { type: 'team', children: [] },
});

/** Two groups whose titles are not their names, and a system that shares a name's words. */
const entities: Entity[] = [
  group('platform-engineering', 'Platform Engineering'),
  group('tech-leads', 'Tech Leads'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'platform-engineering-tools', namespace: 'default' },
    spec: { owner: 'group:default/platform-engineering' },
  },
];

/** The Owner field of a template: `catalogFilter: { kind: [Group] }`, its value kept in state. */
function OwnerField(props: {
  initial?: string;
  onChange: (value: string | undefined) => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <ComplianceEntityPicker
      {...({
        formData: value,
        onChange: (v: string | undefined) => {
          setValue(v);
          props.onChange(v);
        },
        schema: {
          title: 'Owner',
          type: 'string',
          description: 'The team that owns the service.',
        },
        uiSchema: { 'ui:options': { catalogFilter: { kind: ['Group'] } } },
        required: true,
        idSchema: { $id: 'root_owner' },
      } as any)}
    />
  );
}

function render(catalogApi: CatalogApi, initial?: string) {
  const onChange = jest.fn();
  renderInTestApp(<OwnerField initial={initial} onChange={onChange} />, {
    apis: [[catalogApiRef, catalogApi]],
  });
  return { onChange, box: screen.getByRole('textbox', { name: /Owner/ }) };
}

/** Types into the box as a person does (the list opens, the catalog is asked after a pause). */
async function type(box: HTMLElement, text: string) {
  const user = userEvent.setup();
  await user.click(box);
  await user.type(box, text);
}

describe('ComplianceEntityPicker', () => {
  it('finds a group by its name although its title differs, and stores its full ref', async () => {
    const { onChange, box } = render(catalogApiMock({ entities }));
    await type(box, 'platform-eng');
    // The catalog's answer follows the pause after the last key (the list is drawn anew).
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    const list = screen.getByRole('listbox');
    const option = within(list).getByText('Platform Engineering');
    // Secondary line: the ref. The System of the same words is not a Group: not offered.
    expect(
      within(list).getByText('group:default/platform-engineering'),
    ).toBeInTheDocument();
    expect(within(list).queryByText(/tools/)).not.toBeInTheDocument();
    fireEvent.click(option);
    expect(onChange).toHaveBeenLastCalledWith(
      'group:default/platform-engineering',
    );
    expect(box).toHaveValue('Platform Engineering');
  });

  it('finds a group by a word of its title too', async () => {
    const { box } = render(catalogApiMock({ entities }));
    await type(box, 'Leads');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(
      within(screen.getByRole('listbox')).getByText('Tech Leads'),
    ).toBeInTheDocument();
  });

  it('says so when no group is named or titled what was typed', async () => {
    const { box } = render(catalogApiMock({ entities }));
    await type(box, 'xyz');
    expect(
      await screen.findByText("No Group named or titled 'xyz'"),
    ).toBeInTheDocument();
  });

  it("shows the catalog's error under the field instead of throwing", async () => {
    const failing = catalogApiMock.mock({
      queryEntities: async () => {
        throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    const { box } = render(failing);
    await type(box, 'platform');
    // Once the pause is over: the reason under the field, the list says it could not search.
    await waitFor(() => {
      expect(
        screen.getByText(
          'The team that owns the service. (the catalog could not be searched: Request failed with 503 Service Unavailable)',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText('The catalog could not be searched'),
      ).toBeInTheDocument();
    });
    expect(failing.queryEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({
        fullTextFilter: {
          term: 'platform',
          fields: ['metadata.name', 'metadata.title'],
        },
      }),
    );
    expect(screen.queryByText(/named or titled/)).not.toBeInTheDocument();
  });

  it('completes a short-form value with the kind of its filter and shows its title', async () => {
    const { onChange, box } = render(
      catalogApiMock({ entities }),
      'platform-engineering',
    );
    expect(onChange).toHaveBeenCalledWith('group:default/platform-engineering');
    await screen.findByDisplayValue('Platform Engineering');
    expect(box).toHaveValue('Platform Engineering');
  });
});
