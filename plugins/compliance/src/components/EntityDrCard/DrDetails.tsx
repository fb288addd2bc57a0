import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DrStatus } from '@refarch/backstage-plugin-compliance-common';
import { StatusChip } from '../StatusChip';
import { DisruptionTable } from './DisruptionTable';
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
 * The DR part of an assessment: tier, status and reasons, objectives per disruption,
 * evidence freshness and the weakest component.
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
      {dr.reasons.length > 0 && (
        <Box className={classes.section}>
          <Typography variant="subtitle2" component="h3">
            Why
          </Typography>
          <ul aria-label="DR status reasons">
            {dr.reasons.map(r => (
              <li key={r}>
                <Typography variant="body2">{r}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {dr.disruptions.length > 0 ? (
        <Box className={classes.section}>
          <DisruptionTable disruptions={dr.disruptions} />
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
