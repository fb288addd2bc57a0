import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { HistoryEntry } from '@refarch/backstage-plugin-compliance-common';
import { formatDate } from '../../lib/format';
import { ScoreTrend } from './ScoreTrend';

const now = new Date('2027-01-20T12:00:00.000Z');

// Newest first, as the API returns it.
const history: HistoryEntry[] = [
  {
    status: 'pass',
    previousStatus: 'warn',
    score: 71,
    drStatus: 'met',
    changedAt: '2027-01-12T10:00:00.000Z',
  },
  {
    status: 'warn',
    previousStatus: 'fail',
    score: 57,
    drStatus: 'at-risk',
    changedAt: '2026-12-20T10:00:00.000Z',
  },
  {
    status: 'fail',
    score: 43,
    drStatus: 'breached',
    changedAt: '2026-12-06T10:00:00.000Z',
  },
];

describe('ScoreTrend', () => {
  it('draws one point per scored change, oldest left, summarised for screen readers', async () => {
    await renderInTestApp(<ScoreTrend history={history} now={now} />);

    const chart = screen.getByRole('img', {
      name: `Score from 43% on ${formatDate(
        '2026-12-06T10:00:00.000Z',
      )} to 71% on ${formatDate('2027-01-12T10:00:00.000Z')} (3 scores)`,
    });
    const points = Array.from(chart.querySelectorAll('circle'));
    expect(points.map(p => p.getAttribute('data-status'))).toEqual([
      'fail',
      'warn',
      'pass',
    ]);
    const xs = points.map(p => Number(p.getAttribute('cx')));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Higher score, higher point.
    const ys = points.map(p => Number(p.getAttribute('cy')));
    expect(ys[0]).toBeGreaterThan(ys[2]);
    expect(points[1].querySelector('title')).toHaveTextContent(
      'Fail → Warning, score 57%',
    );
    expect(chart).toHaveTextContent('100%');
    expect(chart).toHaveTextContent(formatDate('2026-12-06T10:00:00.000Z'));
    expect(chart).toHaveTextContent(formatDate(now.toISOString()));
    // The step line runs on to now: it ends at the right edge of the plot.
    const path = chart.querySelector('path')!.getAttribute('d')!;
    expect(path.startsWith('M')).toBe(true);
    expect(path.match(/H([\d.]+)$/)![1]).toBe(`${560 - 12}.0`);
  });

  it('breaks the line at a change without a score', async () => {
    await renderInTestApp(
      <ScoreTrend
        now={now}
        history={[
          history[0],
          {
            status: 'unknown',
            previousStatus: 'warn',
            score: null,
            drStatus: 'unknown',
            changedAt: '2027-01-01T10:00:00.000Z',
          },
          history[1],
          history[2],
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: /^Score from 43%/ });
    expect(chart.querySelectorAll('circle')).toHaveLength(3);
    expect(
      chart.querySelector('path')!.getAttribute('d')!.match(/M/g),
    ).toHaveLength(2);
  });

  it('shows a caption instead of a chart with fewer than two scores', async () => {
    await renderInTestApp(<ScoreTrend history={[history[2]]} now={now} />);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        `One score so far: 43% on ${formatDate(
          '2026-12-06T10:00:00.000Z',
        )}. The trend appears after the next change.`,
      ),
    ).toBeInTheDocument();
  });

  it('says when no score exists yet', async () => {
    await renderInTestApp(
      <ScoreTrend history={[{ ...history[2], score: null }]} now={now} />,
    );
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByText(/No score recorded yet/)).toBeInTheDocument();
  });
});
