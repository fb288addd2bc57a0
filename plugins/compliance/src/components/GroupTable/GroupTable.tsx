import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { GroupAggregate } from '../../api';
import { shortRef } from '../../lib/format';
import { ReadableTable } from '../ReadableTable';
import { StatusBar } from '../StatusBars';

/**
 * Aggregates per owner or system: counts, status distribution, DR breaches, average score.
 *
 * @internal
 */
export function GroupTable(props: {
  groups: GroupAggregate[];
  groupLabel: string;
  onSelect: (key: string) => void;
}) {
  const { groups, groupLabel, onSelect } = props;
  return (
    <ReadableTable
      aria-label={`Assessments by ${groupLabel.toLocaleLowerCase('en-US')}`}
    >
      <TableHead>
        <TableRow>
          <TableCell>{groupLabel}</TableCell>
          <TableCell align="right">Entities</TableCell>
          <TableCell style={{ minWidth: 160, width: '30%' }}>Status</TableCell>
          <TableCell align="right">Pass</TableCell>
          <TableCell align="right">Fail</TableCell>
          <TableCell align="right">Warning</TableCell>
          <TableCell align="right">Unknown</TableCell>
          <TableCell align="right">DR breached</TableCell>
          <TableCell align="right">DR at risk</TableCell>
          <TableCell align="right">Average score</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.map(g => {
          const label =
            g.key === '(none)'
              ? `No ${groupLabel.toLocaleLowerCase('en-US')}`
              : shortRef(g.key);
          return (
            <TableRow key={g.key}>
              <TableCell component="th" scope="row">
                {g.key === '(none)' ? (
                  label
                ) : (
                  <Button
                    size="small"
                    style={{ textTransform: 'none' }}
                    onClick={() => onSelect(g.key)}
                    aria-label={`Show entities of ${label}`}
                  >
                    {label}
                  </Button>
                )}
              </TableCell>
              <TableCell align="right">{g.total}</TableCell>
              <TableCell>
                <StatusBar group={g} label={label} />
              </TableCell>
              <TableCell align="right">{g.pass}</TableCell>
              <TableCell align="right">{g.fail}</TableCell>
              <TableCell align="right">{g.warn}</TableCell>
              <TableCell align="right">{g.unknown}</TableCell>
              <TableCell align="right">{g.drBreached}</TableCell>
              <TableCell align="right">{g.drAtRisk}</TableCell>
              <TableCell align="right">
                {g.averageScore === null ? '—' : `${g.averageScore}%`}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ReadableTable>
  );
}
