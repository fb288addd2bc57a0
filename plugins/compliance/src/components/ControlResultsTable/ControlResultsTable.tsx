import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Cloud,
  ControlResult,
} from '@refarch/backstage-plugin-compliance-common';
import { useMemo, useState } from 'react';
import { PolicyControl } from '../../api';
import { ControlFilters } from './ControlFilters';
import { ControlResultRow } from './ControlResultRow';
import {
  ControlRow,
  ControlRowFilter,
  buildControlRows,
  filterControlRows,
} from './controlRows';

/** @internal */
export interface ControlResultsTableProps {
  results: ControlResult[];
  controls?: PolicyControl[];
  onRequestWaiver?: (row: ControlRow) => void;
  /** Controls that already have a pending waiver. */
  pendingWaivers?: ReadonlySet<string>;
  /** The entity's cloud: controls show only what applies there. */
  cloud?: Cloud;
}

/**
 * Every control result of an assessment, filterable by status, severity, framework and
 * provenance; each row expands to its evidence.
 *
 * @internal
 */
export function ControlResultsTable(props: ControlResultsTableProps) {
  const { results, controls, onRequestWaiver, pendingWaivers, cloud } = props;
  const [filter, setFilter] = useState<ControlRowFilter>({
    status: 'applicable',
  });
  const rows = useMemo(
    () => buildControlRows(results, controls, cloud),
    [results, controls, cloud],
  );
  const visible = useMemo(
    () => filterControlRows(rows, filter),
    [rows, filter],
  );

  return (
    <>
      <ControlFilters filter={filter} onChange={setFilter} />
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        role="status"
      >
        {visible.length} of {rows.length} controls
      </Typography>
      <Table size="small" aria-label="Control results">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              <Typography variant="srOnly">Details</Typography>
            </TableCell>
            <TableCell>Control</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Severity</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Status</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Frameworks</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Source</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {visible.map(row => (
            <ControlResultRow
              key={row.result.controlId}
              row={row}
              onRequestWaiver={onRequestWaiver}
              waiverPending={pendingWaivers?.has(row.result.controlId)}
            />
          ))}
          {visible.length === 0 && (
            <TableRow>
              <TableCell colSpan={7}>
                <Typography variant="body2" color="textSecondary">
                  No control matches these filters.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </>
  );
}
