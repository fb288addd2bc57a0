import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Provenance,
  SourceVerdict,
} from '@refarch/backstage-plugin-compliance-common';
import { formatDateTime } from '../../lib/format';
import { StatusChip } from '../StatusChip';

const SOURCE_LABELS: Record<Provenance, string> = {
  declared: 'Declared in the catalog',
  iac: 'Repository template',
  live: 'Deployed stack',
  evidence: 'Evidence',
};

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  source: {
    fontFamily: 'monospace',
    fontSize: '0.85em',
    maxWidth: 240,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  says: { minWidth: 260 },
  decides: { fontWeight: theme.typography.fontWeightMedium as number },
}));

/**
 * What the declared annotations, the repository's template and the deployed stack each say
 * of one control when they disagree, with where and when each was read. The deployed stack
 * (or, without one, the template) decides the status.
 *
 * @internal
 */
export function SourceVerdictsTable(props: {
  controlId: string;
  sources: SourceVerdict[];
}) {
  const { controlId, sources } = props;
  const classes = useStyles();
  const decider = sources[sources.length - 1];
  return (
    <>
      <Typography variant="subtitle2" component="h4">
        The sources disagree
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {SOURCE_LABELS[decider.provenance]} decides the status
        {decider.provenance === 'live'
          ? ': what runs counts, not what is written.'
          : ': the template is what gets deployed.'}
      </Typography>
      <Table size="small" aria-label={`Sources of ${controlId}`}>
        <TableHead>
          <TableRow>
            <TableCell className={classes.nowrap}>Source</TableCell>
            <TableCell>Verdict</TableCell>
            <TableCell>What it says</TableCell>
            <TableCell>Read from</TableCell>
            <TableCell className={classes.nowrap}>Read at</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sources.map(s => (
            <TableRow key={s.provenance} data-source={s.provenance}>
              <TableCell
                className={`${classes.nowrap} ${
                  s === decider ? classes.decides : ''
                }`}
              >
                {SOURCE_LABELS[s.provenance]}
              </TableCell>
              <TableCell>
                <StatusChip status={s.status} />
              </TableCell>
              <TableCell className={classes.says}>
                <Typography variant="body2">{s.message}</Typography>
              </TableCell>
              <TableCell>
                <Tooltip title={s.source}>
                  <Typography className={classes.source}>{s.source}</Typography>
                </Tooltip>
              </TableCell>
              <TableCell className={classes.nowrap}>
                {formatDateTime(s.observedAt)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
