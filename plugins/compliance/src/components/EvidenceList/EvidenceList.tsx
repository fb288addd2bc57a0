import { Link, Progress } from '@backstage/core-components';
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
import { EVIDENCE_LABELS } from '../../lib/labels';
import { StatusChip } from '../StatusChip';

/**
 * Evidence recorded for the entity, newest first.
 *
 * @internal
 */
export function EvidenceList(props: { entityRef: string; reloadKey?: number }) {
  const { entityRef, reloadKey } = props;
  const api = useApi(complianceApiRef);
  const { value, loading, error } = useEntityAsync(
    entityRef,
    () => api.listEvidence(entityRef),
    [api, reloadKey],
  );

  if (loading && !value) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No evidence recorded yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Recorded evidence">
      <TableHead>
        <TableRow>
          <TableCell>Kind</TableCell>
          <TableCell>Performed</TableCell>
          <TableCell>Result</TableCell>
          <TableCell>Summary</TableCell>
          <TableCell>Recorded by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.map(e => (
          <TableRow key={e.id}>
            <TableCell component="th" scope="row">
              {EVIDENCE_LABELS[e.kind] ?? e.kind}
            </TableCell>
            <TableCell>{formatDateTime(e.performedAt)}</TableCell>
            <TableCell>
              <StatusChip status={e.result} />
            </TableCell>
            <TableCell>
              {e.summary}
              {e.link && (
                <Typography variant="caption" component="p">
                  <Link to={e.link}>Report</Link>
                </Typography>
              )}
            </TableCell>
            <TableCell>{e.recordedBy}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
