import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ASSESSMENT_STATUS_ORDER,
  RollUp,
} from '@refarch/backstage-plugin-compliance-common';
import { formatAge, formatDateTime } from '../../lib/format';
import { rootRouteRef } from '../../routes';
import { StatusChip } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  counts: { marginTop: theme.spacing(0.5) },
}));

const PARTS: Record<string, { filter: string; noun: string }> = {
  system: { filter: 'system', noun: 'parts' },
  domain: { filter: 'domain', noun: 'systems and parts' },
  group: { filter: 'owner', noun: 'owned entities' },
};

/**
 * The status of a System, Domain or Group with everything inside it: the worst status wins,
 * with the counts per status and a link to the members in the fleet view.
 *
 * @internal
 */
export function RollUpSummary(props: { rollUp: RollUp }) {
  const { rollUp } = props;
  const classes = useStyles();
  const root = useRouteRef(rootRouteRef)?.() ?? '/compliance';
  const kind = rollUp.entityRef.split(':')[0];
  const parts = PARTS[kind] ?? PARTS.system;
  const total = Object.values(rollUp.members).reduce((a, b) => a + b, 0);
  const fleet = (status?: string) => {
    const q = new URLSearchParams({ [parts.filter]: rollUp.entityRef });
    if (status) q.append('status', status);
    return `${root}?${q.toString()}`;
  };
  const counts = ASSESSMENT_STATUS_ORDER.filter(s => rollUp.members[s] > 0);

  return (
    <Box aria-label="Status with all parts">
      <Box className={classes.row}>
        <StatusChip status={rollUp.status} size="medium" />
        <Typography variant="body1" component="p">
          With its {total} {parts.noun}
          {rollUp.averageScore !== null &&
            ` · average score ${rollUp.averageScore}%`}
        </Typography>
        <StatusChip status={rollUp.drStatus} label={`DR ${rollUp.drStatus}`} />
      </Box>
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.counts}
        title={`Recomputed ${formatDateTime(rollUp.computedAt)}`}
      >
        {counts.map((s, i) => (
          <span key={s}>
            {i > 0 && ' · '}
            <Link to={fleet(s)}>
              {rollUp.members[s]}{' '}
              {s === 'not-applicable' ? 'not applicable' : s}
            </Link>
          </span>
        ))}
        {counts.length > 0 && ' · '}
        <Link to={fleet()}>all {total}</Link>
        {rollUp.ownStatus && ` · own controls: ${rollUp.ownStatus}`} · as of{' '}
        {formatAge(rollUp.computedAt)}
      </Typography>
    </Box>
  );
}
