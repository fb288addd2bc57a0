import { EntityRefLink } from '@backstage/plugin-catalog-react';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { SEVERITIES } from '@refarch/backstage-plugin-compliance-common';
import { AssessmentSummary } from '../../api';
import { formatAge, formatDateTime, shortRef } from '../../lib/format';
import { SEVERITY_LABELS } from '../../lib/labels';
import { ReadableTable } from '../ReadableTable';
import { StatusChip } from '../StatusChip';

/** @internal */
export interface FleetTableProps {
  items: AssessmentSummary[];
  totalCount: number;
  /** Zero-based. */
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
}

function Failing(props: { failing: AssessmentSummary['failing'] }) {
  const parts = SEVERITIES.filter(s => (props.failing[s] ?? 0) > 0).map(
    s => `${props.failing[s]} ${SEVERITY_LABELS[s].toLocaleLowerCase('en-US')}`,
  );
  return <>{parts.length ? parts.join(', ') : '—'}</>;
}

/**
 * One page of assessed entities; paging happens on the server.
 *
 * @internal
 */
export function FleetTable(props: FleetTableProps) {
  const { items, totalCount, page, pageSize, onPageChange } = props;
  return (
    <>
      <ReadableTable aria-label="Assessed entities">
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>System</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Score</TableCell>
            <TableCell>DR</TableCell>
            <TableCell>Drift</TableCell>
            <TableCell>Failing</TableCell>
            <TableCell>Assessed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => (
            <TableRow key={item.entityRef}>
              <TableCell component="th" scope="row">
                <EntityRefLink entityRef={item.entityRef} title={item.name} />
                <Typography
                  variant="caption"
                  component="p"
                  color="textSecondary"
                >
                  {item.kind}
                  {item.type ? ` · ${item.type}` : ''}
                  {item.namespace !== 'default' ? ` · ${item.namespace}` : ''}
                </Typography>
              </TableCell>
              <TableCell>
                {item.owner ? (
                  <EntityRefLink
                    entityRef={item.owner}
                    title={shortRef(item.owner)}
                  />
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>
                {item.system ? (
                  <EntityRefLink
                    entityRef={item.system}
                    title={shortRef(item.system)}
                  />
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>
                <StatusChip status={item.status} />
              </TableCell>
              <TableCell>
                {item.score === null ? '—' : `${item.score}%`}
              </TableCell>
              <TableCell>
                <StatusChip status={item.drStatus} />
              </TableCell>
              <TableCell>
                {item.drift ? (
                  <StatusChip status={item.drift} />
                ) : (
                  <span title="No deployed stack on record">—</span>
                )}
              </TableCell>
              <TableCell>
                <Failing failing={item.failing} />
              </TableCell>
              <TableCell title={formatDateTime(item.evaluatedAt)}>
                {formatAge(item.evaluatedAt)}
              </TableCell>
            </TableRow>
          ))}
          {items.length === 0 && (
            <TableRow>
              <TableCell colSpan={9}>
                <Typography variant="body2" color="textSecondary">
                  No assessed entity matches these filters.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </ReadableTable>
      <TablePagination
        component="div"
        count={totalCount}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[pageSize]}
        onPageChange={(_, p) => onPageChange(p)}
      />
    </>
  );
}
