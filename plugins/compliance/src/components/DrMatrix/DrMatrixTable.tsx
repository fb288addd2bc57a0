import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatDuration } from '@refarch/backstage-plugin-compliance-common';
import { DrMatrix, DrMatrixCell, DrMatrixRow } from '../../api';
import { DISRUPTION_LABELS } from '../../lib/labels';
import { ReadableTable } from '../ReadableTable';
import { StatusChip, statusLabel } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  cell: { verticalAlign: 'top' },
  // A long team name wraps between words (never inside one) rather than widen the table.
  owner: {
    display: 'block',
    maxWidth: 240,
    marginTop: theme.spacing(0.5),
    whiteSpace: 'normal',
    overflowWrap: 'normal',
    wordBreak: 'normal',
  },
  objectives: {
    display: 'block',
    marginTop: theme.spacing(0.5),
    fontVariantNumeric: 'tabular-nums',
  },
}));

/** Shorter than the entity card's label: the matrix has four of them side by side. */
const CHIP_LABELS: Record<string, string> = {
  'declared-weaker': 'Declared weaker',
};

type Objective = 'rpo' | 'rto';

/** `15m / 5m`: the target, then what the configuration achieves. */
function objective(cell: DrMatrixCell, key: Objective): string {
  const target = cell.target?.[key];
  const achievable = cell.achievable?.[key];
  let reached: string;
  if (!cell.achievable) reached = '?';
  else reached = achievable === null ? 'none' : formatDuration(achievable!);
  return `${key.toUpperCase()} ${
    target === undefined ? '–' : formatDuration(target)
  } / ${reached}`;
}

/** What the native tooltip says: the status, the target's source and the engine's reason. */
function cellTitle(cell: DrMatrixCell): string {
  return [
    `${DISRUPTION_LABELS[cell.disruption] ?? cell.disruption}: ${statusLabel(
      cell.status,
    )}`,
    cell.targetSource ? `Target: ${cell.targetSource}` : undefined,
    cell.reason,
  ]
    .filter(Boolean)
    .join('\n');
}

function Cell(props: { row: DrMatrixRow; disruption: string }) {
  const classes = useStyles();
  const { row, disruption } = props;
  const cell = row.disruptions.find(d => d.disruption === disruption);
  if (!cell)
    return (
      <TableCell
        className={classes.cell}
        title={row.reasons.join('\n') || 'Not estimated'}
        data-disruption={disruption}
        data-status="not-applicable"
      >
        <StatusChip status="not-applicable" />
      </TableCell>
    );
  return (
    <TableCell
      className={classes.cell}
      title={cellTitle(cell)}
      data-disruption={disruption}
      data-status={cell.status}
    >
      <StatusChip
        status={cell.status}
        label={CHIP_LABELS[cell.status] ?? statusLabel(cell.status)}
      />
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.objectives}
      >
        {objective(cell, 'rpo')}
        <br />
        {objective(cell, 'rto')}
      </Typography>
    </TableCell>
  );
}

function tierText(row: DrMatrixRow): string {
  if (row.tier) return statusLabel(row.tier);
  return row.tierAssumption ? 'Assumed' : '–';
}

/**
 * Systems × disruption types: a status chip per cell with the RPO and RTO as
 * "target / achievable", the reason in the cell's tooltip; rows as the backend sorted them
 * (worst first).
 *
 * @internal
 */
export function DrMatrixTable(props: { matrix: DrMatrix }) {
  const classes = useStyles();
  const { matrix } = props;
  return (
    <ReadableTable aria-label="Recovery status per System and disruption type">
      <TableHead>
        <TableRow>
          <TableCell>System and owner</TableCell>
          <TableCell>Tier</TableCell>
          {matrix.disruptions.map(d => (
            <TableCell key={d} data-disruption={d}>
              {DISRUPTION_LABELS[d] ?? d}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {matrix.items.map(row => (
          <TableRow key={row.entityRef} data-entity-ref={row.entityRef}>
            <TableCell component="th" scope="row" className={classes.cell}>
              <EntityRefLink entityRef={row.entityRef} title={row.name} />
              {row.owner && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                  className={classes.owner}
                  data-owner={row.owner}
                >
                  <EntityRefLink entityRef={row.owner} defaultKind="group" />
                </Typography>
              )}
            </TableCell>
            <TableCell className={classes.cell} title={row.tierAssumption}>
              {tierText(row)}
            </TableCell>
            {matrix.disruptions.map(d => (
              <Cell key={d} row={row} disruption={d} />
            ))}
          </TableRow>
        ))}
      </TableBody>
    </ReadableTable>
  );
}

/** The legend above the table. @internal */
export function DrMatrixLegend() {
  return (
    <Box mb={1}>
      <Typography variant="body2" color="textSecondary">
        Each cell: the status, then RPO and RTO as target / achievable (? not
        known yet, none: not recoverable). Hover a cell for the reason. Worst
        Systems first.
      </Typography>
    </Box>
  );
}
