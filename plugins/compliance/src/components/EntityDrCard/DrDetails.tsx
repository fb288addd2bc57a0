import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DrStatus } from '@refarch/backstage-plugin-compliance-common';
import { StatusChip } from '../StatusChip';
import { DisruptionTable } from './DisruptionTable';
import { DrChart } from './DrChart';
import { DrReasons } from './DrReasons';
import { EvidenceFreshnessTable } from './EvidenceFreshnessTable';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  section: { marginTop: theme.spacing(2) },
}));

/**
 * The DR part of an assessment: tier and status, target / declared / achievable per
 * disruption as a chart, the reasons per component, the same values as a table, the weakest
 * component and evidence freshness.
 *
 * @internal
 */
export function DrDetails(props: { dr: DrStatus }) {
  const { dr } = props;
  const classes = useStyles();
  return (
    <Box>
      <Box className={classes.row}>
        <StatusChip status={dr.status} size="medium" />
        <Typography variant="body1" component="p">
          {dr.tier && `Tier: ${dr.tier}`}
          {!dr.tier &&
            dr.tierAssumption &&
            `Tier assumed, not used to judge: ${dr.tierAssumption}`}
          {!dr.tier &&
            !dr.tierAssumption &&
            'No tier: judged against the targets the documents state'}
        </Typography>
      </Box>
      {dr.disruptions.length > 0 ? (
        <Box className={classes.section}>
          <DrChart disruptions={dr.disruptions} />
        </Box>
      ) : (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.section}
        >
          No recovery objectives apply to this entity.
        </Typography>
      )}
      <Box className={classes.section}>
        <DrReasons dr={dr} />
      </Box>
      {dr.disruptions.length > 0 && (
        <Box className={classes.section}>
          <DisruptionTable disruptions={dr.disruptions} />
        </Box>
      )}
      {dr.weakestComponent && (
        <Typography variant="body2" className={classes.section}>
          <strong>Weakest component:</strong> {dr.weakestComponent}
        </Typography>
      )}
      {dr.evidence.length > 0 && (
        <Box className={classes.section}>
          <EvidenceFreshnessTable evidence={dr.evidence} />
        </Box>
      )}
    </Box>
  );
}
