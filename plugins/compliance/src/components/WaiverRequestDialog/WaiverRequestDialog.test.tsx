import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, renderCompliance } from '../../__testUtils__/renderCompliance';
import { WaiverRequestDialog } from './WaiverRequestDialog';

jest.setTimeout(20_000);

describe('WaiverRequestDialog', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = async () => {
    const posted: unknown[] = [];
    server.use(
      http.post(`${BASE}/v1/waivers`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        posted.push(body);
        return HttpResponse.json(
          { ...body, id: 'w1', status: 'pending', expired: false },
          { status: 201 },
        );
      }),
    );
    const onRequested = jest.fn();
    await renderCompliance(
      <WaiverRequestDialog
        entityRef="resource:default/orders-db"
        control={{ id: 'ENC-01', title: 'Storage encrypted at rest' }}
        onClose={jest.fn()}
        onRequested={onRequested}
      />,
    );
    const field = await screen.findByRole('textbox', {
      name: /Justification/,
    });
    return { posted, onRequested, field };
  };

  it('shows a too-short justification as an error under the field instead of a silently disabled button', async () => {
    const { posted, field } = await render();
    await userEvent.type(field, 'later');
    const submit = screen.getByRole('button', { name: 'Request' });
    expect(submit).toBeEnabled();
    await userEvent.click(submit);
    expect(
      screen.getByText('Too short: at least 10 characters (5 so far)'),
    ).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/Too short/);
    expect(posted).toEqual([]);
  });

  it('keeps a 3,000-character paste whole, counts it and names the excess instead of cutting it', async () => {
    const { posted, onRequested, field } = await render();
    const pasted = `Risk accepted: ${'x'.repeat(2985)}`;
    fireEvent.change(field, { target: { value: pasted } });
    expect((field as HTMLTextAreaElement).value).toHaveLength(3000);
    expect(screen.getByText('3000 / 2000')).toBeInTheDocument();
    expect(
      screen.getByText('1000 characters too long: at most 2000'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Request' }));
    expect(posted).toEqual([]);

    // Shortened by the writer, it goes through whole.
    const fitting = pasted.slice(0, 2000);
    fireEvent.change(field, { target: { value: fitting } });
    expect(screen.getByText('2000 / 2000')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Request' }));
    await waitFor(() => expect(onRequested).toHaveBeenCalled());
    expect(posted).toEqual([
      expect.objectContaining({
        entityRef: 'resource:default/orders-db',
        controlId: 'ENC-01',
        justification: fitting,
      }),
    ]);
  });
});
