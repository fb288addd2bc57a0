import { screen } from '@testing-library/react';
import { Waiver } from '../../api';
import { renderCompliance } from '../../__testUtils__/renderCompliance';
import { WaiverList } from './WaiverList';

const pending = (id: string, requestedBy: string): Waiver =>
  ({
    id,
    entityRef: 'resource:default/orders-db',
    controlId: id === 'w1' ? 'ENC-01' : 'DR-02',
    justification: 'Key migration scheduled',
    status: 'pending',
    requestedBy,
    requestedAt: '2026-05-01T00:00:00.000Z',
    expiresAt: '2026-12-31T00:00:00.000Z',
    expired: false,
  } as Waiver);

describe('WaiverList', () => {
  it('never offers a tech lead a decision on their own request, and says why before any click', async () => {
    await renderCompliance(
      <WaiverList
        waivers={[
          pending('w1', 'user:default/lead'),
          pending('w2', 'user:default/dev'),
        ]}
        canDecide
        currentUser="user:default/lead"
        onDecided={jest.fn()}
      />,
    );
    expect(
      await screen.findByRole('button', { name: 'Approve waiver for ENC-01' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Reject waiver for ENC-01' }),
    ).toBeDisabled();
    expect(
      screen.getByText(
        /You requested this waiver: another tech lead decides it/,
      ),
    ).toBeInTheDocument();
    // Someone else's request stays decidable.
    expect(
      screen.getByRole('button', { name: 'Approve waiver for DR-02' }),
    ).toBeEnabled();
    expect(screen.getAllByText(/You requested this waiver/)).toHaveLength(1);
  });
});
