import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import { Waiver, WaiverDecision, complianceApiRef } from '../../api';
import { errorMessage } from '../../lib/format';
import { textLimit } from '../../lib/textLimit';
import { FieldHelp } from '../WaiverRequestDialog/FieldHelp';

/** The backend's limit (openapi.yaml DecideWaiver). */
const MAX_COMMENT = 2000;

const VERBS: Record<WaiverDecision, string> = {
  approve: 'Approve',
  reject: 'Reject',
  revoke: 'Revoke',
};

/** @internal */
export interface WaiverDecisionDialogProps {
  /** The waiver and decision to confirm; the dialog is open while set. */
  pending?: { waiver: Waiver; decision: WaiverDecision };
  onClose: () => void;
  onDecided: (waiver: Waiver) => void;
}

/**
 * Confirms approving, rejecting or revoking a waiver. The backend wants a reason for a
 * rejection or revocation; a comment on an approval is optional. Shows the backend's message
 * when the caller may not decide (403, e.g. approving their own request) or someone else
 * already did (409).
 *
 * @internal
 */
export function WaiverDecisionDialog(props: WaiverDecisionDialogProps) {
  const { pending, onClose, onDecided } = props;
  const api = useApi(complianceApiRef);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const verb = pending ? VERBS[pending.decision] : '';
  const commentRequired = !!pending && pending.decision !== 'approve';
  const commentMissing = commentRequired && !comment.trim();
  const limit = textLimit(comment, { max: MAX_COMMENT });

  const close = () => {
    setError(undefined);
    setComment('');
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pending || limit.error) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const decided = await api.decideWaiver(
        pending.waiver.id,
        pending.decision,
        comment.trim() || undefined,
      );
      setComment('');
      onDecided(decided);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={!!pending}
      onClose={close}
      aria-labelledby="decide-waiver-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit}>
        <DialogTitle id="decide-waiver-title">
          {verb} waiver for {pending?.waiver.controlId}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{pending?.waiver.justification}</DialogContentText>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="waiver-decision-comment"
            label={commentRequired ? 'Reason' : 'Comment (optional)'}
            required={commentRequired}
            value={comment}
            onChange={e => setComment(e.target.value)}
            error={!!limit.error}
            helperText={
              <FieldHelp
                message={
                  limit.error ??
                  (commentRequired
                    ? 'Required: the requester reads it'
                    : 'Shown with the decision')
                }
                counter={limit.counter}
              />
            }
            multiline
            // A fixed height that scrolls: an autosizing field loops on a long unbroken paste
            // (MUI "Too many re-renders") as the dialog's scrollbar comes and goes. `rows` on the
            // Input (TextField deprecates its own) keeps a plain textarea.
            InputProps={{ rows: 3 }}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting || commentMissing || !!limit.error}
          >
            {verb}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
