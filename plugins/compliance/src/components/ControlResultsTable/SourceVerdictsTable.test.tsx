import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ControlResult } from '@refarch/backstage-plugin-compliance-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { policy } from '../../__testUtils__/renderCompliance';
import { ControlResultRow } from './ControlResultRow';
import { buildControlRows } from './controlRows';

const ARN =
  'arn:aws:cloudformation:eu-central-1:000000000000:stack/orders/1a2b3c4d';

/** A bucket whose encryption was removed by hand: the deployed stack fails, the template passes. */
const drifted: ControlResult = {
  controlId: 'ENC-03',
  status: 'fail',
  message: 'DataBucket: no default encryption',
  resources: [{ logicalId: 'DataBucket', type: 'AWS::S3::Bucket' }],
  facts: [],
  decidedBy: 'live',
  sources: [
    {
      provenance: 'declared',
      status: 'pass',
      message: 'encrypted at rest with a customer-managed key',
      source: 'refarch.dev/declared.storage-encrypted',
      observedAt: '2026-06-01T12:00:00.000Z',
    },
    {
      provenance: 'iac',
      status: 'pass',
      message: 'DataBucket: SSE-KMS with a customer-managed key',
      source: 'infra/bucket.yaml',
      observedAt: '2026-05-30T08:00:00.000Z',
    },
    {
      provenance: 'live',
      status: 'fail',
      message: 'DataBucket: no default encryption',
      source: `deployed stack orders (${ARN})`,
      observedAt: '2026-06-01T11:55:00.000Z',
    },
  ],
};

describe('a control whose sources disagree', () => {
  it('counts the deployed stack and every disagreeing source among its provenances', () => {
    const [row] = buildControlRows([drifted], policy.controls);
    expect(row.provenances.sort()).toEqual(['declared', 'iac', 'live']);
    const [inSync] = buildControlRows(
      [{ ...drifted, status: 'pass', sources: undefined }],
      policy.controls,
    );
    expect(inSync.provenances).toEqual(['live']);
  });

  it('says so on the row and shows the three values with their source and time in the details', async () => {
    const [row] = buildControlRows([drifted], policy.controls);
    await renderInTestApp(
      <table>
        <tbody>
          <ControlResultRow row={row} />
        </tbody>
      </table>,
    );
    expect(screen.getByText('Sources disagree')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Show details of ENC-03'));
    const table = await screen.findByRole('table', {
      name: 'Sources of ENC-03',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-source'))).toEqual([
      'declared',
      'iac',
      'live',
    ]);
    expect(within(rows[1]).getByText('infra/bucket.yaml')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText(`deployed stack orders (${ARN})`),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('Fail')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Pass')).toBeInTheDocument();
    // Each time as a reader reads it, not an ISO string.
    expect(table.textContent).not.toContain('T11:55:00');
    expect(
      screen.getByText(/Deployed stack decides the status/),
    ).toBeInTheDocument();
  });
});
