import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  policy,
  renderCompliance,
} from '../../__testUtils__/renderCompliance';
import { TierPickerField } from './TierPickerField';

describe('TierPickerField', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = (onChange = jest.fn(), rawErrors?: string[]) =>
    renderCompliance(
      <TierPickerField
        {...({
          formData: 'standard',
          onChange,
          schema: {
            title: 'Tier',
            type: 'string',
            enum: ['critical', 'standard'],
            description: 'Critical environments back up hourly.',
          },
          required: true,
          rawErrors,
          idSchema: { $id: 'root_tier' },
        } as any)}
      />,
    );

  it("labels each tier with the policy's targets, read from the policy", async () => {
    server.use(http.get(`${BASE}/v1/policy`, () => HttpResponse.json(policy)));
    const onChange = jest.fn();
    await render(onChange);
    fireEvent.mouseDown(screen.getByRole('button', { name: /Tier/ }));
    const list = await screen.findByRole('listbox');
    // The fixture policy: critical RPO 1h / RTO 4h.
    expect(
      await within(list).findByText('critical — RPO 1h, RTO 4h'),
    ).toBeInTheDocument();
    // standard: RPO 86400 s, RTO 86400 s.
    expect(
      within(list).getByText('standard — RPO 1d, RTO 1d'),
    ).toBeInTheDocument();
    fireEvent.click(within(list).getByText('critical — RPO 1h, RTO 4h'));
    expect(onChange).toHaveBeenCalledWith('critical');
  });

  it('still offers the tiers by name when the policy cannot be read, and says why', async () => {
    server.use(
      http.get(`${BASE}/v1/policy`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'boom' } },
          { status: 500 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(/the policy's targets could not be read/),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('button', { name: /Tier/ }));
    const list = await screen.findByRole('listbox');
    expect(within(list).getByText('critical')).toBeInTheDocument();
  });

  it('shows the form validation errors under the field', async () => {
    server.use(http.get(`${BASE}/v1/policy`, () => HttpResponse.json(policy)));
    await render(jest.fn(), ['Choose a tier']);
    expect(screen.getByText('Choose a tier')).toBeInTheDocument();
  });
});
