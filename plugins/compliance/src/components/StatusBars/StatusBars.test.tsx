import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GroupAggregate } from '../../api';
import { StatusBars } from './StatusBars';

const group = (i: number): GroupAggregate => ({
  key: `group:default/team-${i}`,
  total: 10,
  pass: 6,
  fail: 3,
  warn: 0,
  unknown: 1,
  other: 0,
  drBreached: 0,
  drAtRisk: 1,
  averageScore: 70,
});

describe('StatusBars', () => {
  it('draws one stacked bar per group, ten at first', async () => {
    const onSelect = jest.fn();
    renderInTestApp(
      <StatusBars
        title="Status by owner"
        groups={Array.from({ length: 12 }, (_, i) => group(i))}
        onSelect={onSelect}
      />,
    );

    const list = screen.getByRole('list', { name: 'Status by owner' });
    expect(within(list).getAllByRole('img')).toHaveLength(10);
    expect(
      within(list).getByRole('img', {
        name: 'team-0: 6 pass, 3 fail, 1 unknown',
      }).children,
    ).toHaveLength(3);

    await userEvent.click(screen.getByRole('button', { name: 'Show all 12' }));
    expect(within(list).getAllByRole('img')).toHaveLength(12);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show entities of team-11' }),
    );
    expect(onSelect).toHaveBeenCalledWith('group:default/team-11');
  });

  it('says when there is nothing to draw', () => {
    renderInTestApp(<StatusBars title="Status by owner" groups={[]} />);
    expect(screen.getByText('No assessed entities match.')).toBeInTheDocument();
  });
});
