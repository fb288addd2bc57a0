import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { GroupAggregate } from '../../api';

const useStyles = makeStyles(theme => ({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: theme.spacing(2),
  },
  tile: {
    padding: theme.spacing(1, 1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  number: { fontSize: '1.75rem', fontWeight: 600, lineHeight: 1.2 },
  bad: { color: theme.palette.error.main },
  warn: { color: theme.palette.warning.dark },
}));

/**
 * Totals of the filtered fleet: entities, failing, and the "DR breached / at risk" counts.
 *
 * @internal
 */
export function FleetOverview(props: {
  groups: GroupAggregate[];
  onShowDr: (drStatus: 'breached' | 'at-risk') => void;
}) {
  const { groups, onShowDr } = props;
  const classes = useStyles();
  const sum = (key: 'total' | 'fail' | 'drBreached' | 'drAtRisk') =>
    groups.reduce((n, g) => n + g[key], 0);
  const breached = sum('drBreached');
  const atRisk = sum('drAtRisk');
  return (
    <Box className={classes.tiles}>
      <Box className={classes.tile}>
        <Typography className={classes.number} component="p">
          {sum('total')}
        </Typography>
        <Typography variant="body2">entities assessed</Typography>
      </Box>
      <Box className={classes.tile}>
        <Typography
          className={`${classes.number} ${classes.bad}`}
          component="p"
        >
          {sum('fail')}
        </Typography>
        <Typography variant="body2">failing</Typography>
      </Box>
      <Box className={classes.tile}>
        <Typography
          className={`${classes.number} ${classes.bad}`}
          component="p"
        >
          {breached}
        </Typography>
        <Typography variant="body2">DR breached</Typography>
        {breached > 0 && (
          <Button
            size="small"
            onClick={() => onShowDr('breached')}
            aria-label="Show entities with DR breached"
          >
            Show
          </Button>
        )}
      </Box>
      <Box className={classes.tile}>
        <Typography
          className={`${classes.number} ${classes.warn}`}
          component="p"
        >
          {atRisk}
        </Typography>
        <Typography variant="body2">DR at risk</Typography>
        {atRisk > 0 && (
          <Button
            size="small"
            onClick={() => onShowDr('at-risk')}
            aria-label="Show entities with DR at risk"
          >
            Show
          </Button>
        )}
      </Box>
    </Box>
  );
}
