import Box from '@material-ui/core/Box';
import { Progress } from '@backstage/core-components';
import { BackendErrorPanel } from '../../lib/renderAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { complianceApiRef } from '../../api';
import { useEntityAsync } from '../../hooks/useEntityAsync';
import { formatDateTime } from '../../lib/format';
import { StatusChip } from '../StatusChip';
import { ScoreTrend } from './ScoreTrend';

const useStyles = makeStyles({
  // A narrow card: headers, dates and scores never break inside a word.
  nowrap: { whiteSpace: 'nowrap' },
});

/**
 * The entity's score trend, then its status changes, newest first.
 *
 * @internal
 */
export function StatusHistory(props: {
  entityRef: string;
  reloadKey?: number;
}) {
  const { entityRef, reloadKey } = props;
  const api = useApi(complianceApiRef);
  const classes = useStyles();
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
    <>
      <ScoreTrend history={value} />
      <Table size="small" aria-label="Status history">
        <TableHead>
          <TableRow>
            <TableCell className={classes.nowrap}>When</TableCell>
            <TableCell className={classes.nowrap}>Change</TableCell>
            <TableCell className={classes.nowrap}>Score</TableCell>
            <TableCell className={classes.nowrap}>DR status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map((h, i) => (
            <TableRow key={`${h.changedAt}-${i}`}>
              <TableCell className={classes.nowrap}>
                {formatDateTime(h.changedAt)}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {/* One line: the chips never wrap below the arrow. */}
                <Box
                  display="inline-flex"
                  alignItems="center"
                  style={{ gap: 6 }}
                >
                  {h.previousStatus ? (
                    <StatusChip status={h.previousStatus} />
                  ) : (
                    <Typography variant="caption">first assessment</Typography>
                  )}
                  <span aria-hidden>→</span>
                  <StatusChip status={h.status} />
                </Box>
              </TableCell>
              <TableCell className={classes.nowrap}>
                {h.score === null ? '—' : `${h.score}%`}
              </TableCell>
              <TableCell>
                <StatusChip status={h.drStatus} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
