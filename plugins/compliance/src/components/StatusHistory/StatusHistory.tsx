import { Progress } from '@backstage/core-components';
import { BackendErrorPanel } from '../../lib/renderAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { complianceApiRef } from '../../api';
import { useEntityAsync } from '../../hooks/useEntityAsync';
import { formatDateTime } from '../../lib/format';
import { StatusChip } from '../StatusChip';

/**
 * The entity's status changes, newest first.
 *
 * @internal
 */
export function StatusHistory(props: {
  entityRef: string;
  reloadKey?: number;
}) {
  const { entityRef, reloadKey } = props;
  const api = useApi(complianceApiRef);
  const { value, loading, error } = useEntityAsync(
    entityRef,
    () => api.getHistory(entityRef),
    [api, reloadKey],
  );

  if (loading && !value) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No status changes recorded yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Status history">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Change</TableCell>
          <TableCell>Score</TableCell>
          <TableCell>DR status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.map((h, i) => (
          <TableRow key={`${h.changedAt}-${i}`}>
            <TableCell>{formatDateTime(h.changedAt)}</TableCell>
            <TableCell>
              {h.previousStatus ? (
                <StatusChip status={h.previousStatus} />
              ) : (
                <Typography variant="caption">first assessment</Typography>
              )}
              {' → '}
              <StatusChip status={h.status} />
            </TableCell>
            <TableCell>{h.score === null ? '—' : `${h.score}%`}</TableCell>
            <TableCell>
              <StatusChip status={h.drStatus} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
