import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { complianceApiRef } from '../../api';
import { useEntityAsync } from '../../hooks/useEntityAsync';
import { ScoreTrend } from '../StatusHistory/ScoreTrend';

/**
 * The trend of a System's, Domain's or Group's roll-up (with all its parts): its average score
 * over time, one point per change at the end of a pass. Says nothing when the history cannot
 * be read: the roll-up above is what matters.
 *
 * @internal
 */
export function RollUpTrend(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(complianceApiRef);
  const { value } = useEntityAsync(
    entityRef,
    () => api.getRollUpHistory(entityRef),
    [api],
  );
  if (!value) return null;
  return (
    <Box mt={2} aria-label="Trend with all parts">
      <Typography variant="subtitle2" gutterBottom>
        Trend with all parts
      </Typography>
      <ScoreTrend history={value} />
    </Box>
  );
}
