import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  alertApiRef,
  useApi,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { complianceApiRef } from '../../api';
import { TemplateReviewDetail } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { textLimit } from '../../lib/textLimit';
import { StatusChip } from '../StatusChip';
import { FieldHelp } from '../WaiverRequestDialog/FieldHelp';
import { ConformanceReport } from './ConformanceReport';
import { TemplateDiff } from './TemplateDiff';

/** The backend's limit (openapi.yaml DecideTemplateVersion). */
const MAX_COMMENT = 4000;

function Decision(props: {
  review: TemplateReviewDetail;
  onDecided: () => void;
}) {
  const { review } = props;
  const api = useApi(complianceApiRef);
  const alertApi = useApi(alertApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const limit = textLimit(comment, { max: MAX_COMMENT });
  if (!review.canDecide.allowed)
    return <Typography>{review.canDecide.reason}</Typography>;
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    try {
      await api.decideTemplateVersion(
        review.templateRef,
        review.currentVersion!,
        decision,
        comment.trim() || undefined,
      );
      alertApi.post({
        message: `Version ${review.currentVersion} ${
          decision === 'approve' ? 'approved' : 'rejected'
        }`,
        severity: 'success',
        display: 'transient',
      });
      props.onDecided();
    } catch (e) {
      alertApi.post({ message: (e as Error).message, severity: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
      <TextField
        id="template-review-comment"
        label="Comment (required to reject)"
        value={comment}
        onChange={e => setComment(e.target.value)}
        variant="outlined"
        size="small"
        multiline
        minRows={2}
        maxRows={2}
        error={!!limit.error}
        helperText={
          <FieldHelp
            message={limit.error ?? 'Shown with the decision in the history'}
            counter={limit.counter}
          />
        }
        style={{ minWidth: 420 }}
      />
      {/* Buttons keep the version's case: MUI upper-cases button text by default. */}
      <Button
        variant="contained"
        color="primary"
        disabled={busy || !!limit.error}
        onClick={() => decide('approve')}
        style={{ textTransform: 'none', whiteSpace: 'nowrap' }}
      >
        Approve version {review.currentVersion}
      </Button>
      <Button
        variant="outlined"
        style={{ textTransform: 'none' }}
        disabled={busy || !comment.trim() || !!limit.error}
        onClick={() => decide('reject')}
      >
        Reject
      </Button>
    </Box>
  );
}

/**
 * One template's review: the current version against the last approved one, the
 * conformance report of its dry run, approve/reject for tech leads, and the history.
 *
 * @internal
 */
export function TemplateReviewPage() {
  const { namespace, name } = useParams();
  const ref = `template:${namespace}/${name}`;
  const api = useApi(complianceApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/compliance';
  const {
    value: review,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getTemplateReview(ref), [api, ref]);
  if (loading && !review) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!review) return null;
  const current = review.versions.find(
    v => v.version === review.currentVersion,
  );
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Typography variant="body2">
          <Link to={`${root}/templates`}>All templates</Link>
        </Typography>
        <Typography variant="h5">
          {review.title ?? review.templateRef} — version{' '}
          {review.currentVersion ?? '?'}{' '}
          {review.currentState && (
            <StatusChip status={review.currentState} size="medium" />
          )}
        </Typography>
        <Typography variant="body2">
          {review.templateRef}, owned by {review.owner ?? '?'}; last changed by{' '}
          {current?.lastEditor ?? 'unknown'}.{' '}
          {review.latestApproved
            ? `Approved version: ${review.latestApproved.version} (by ${review.latestApproved.decidedBy}).`
            : 'No version approved yet: the template cannot run.'}
        </Typography>
        {review.error && <Typography color="error">{review.error}</Typography>}
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Conformance of the generated infrastructure">
          <ConformanceReport report={current?.report} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Changes since the approved version">
          <TemplateDiff
            diff={review.diff}
            base={review.latestApproved?.version}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Decision">
          <Decision review={review} onDecided={retry} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="History">
          {review.versions.map(v => (
            <Box key={v.version} mb={1}>
              <Typography variant="subtitle2">
                {v.version} <StatusChip status={v.state} /> detected{' '}
                {formatDateTime(v.detectedAt)}
              </Typography>
              {v.events.map((e, i) => (
                <Typography key={i} variant="body2">
                  {formatDateTime(e.at)} — {e.action} by {e.actor}
                  {e.comment ? `: ${e.comment}` : ''}
                </Typography>
              ))}
            </Box>
          ))}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
