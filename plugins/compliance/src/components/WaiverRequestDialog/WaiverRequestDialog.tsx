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
import { Waiver, complianceApiRef } from '../../api';
import { errorMessage, toDateInput } from '../../lib/format';
import { textLimit } from '../../lib/textLimit';
import { FieldHelp } from './FieldHelp';

const DEFAULT_DAYS = 90;
/** The backend refuses longer waivers. */
const MAX_DAYS = 365;
const MIN_JUSTIFICATION = 10;
/** The backend's limit (openapi.yaml WaiverInput). */
const MAX_JUSTIFICATION = 2000;

/** @internal */
export interface WaiverRequestDialogProps {
  entityRef: string;
  /** The control to waive; the dialog is open while set. */
  control?: { id: string; title?: string };
  onClose: () => void;
  onRequested: (waiver: Waiver) => void;
}

/**
 * "Request waiver" for one failing control: a justification and an expiry date; a tech lead
 * approves it before it changes the result.
 *
 * @internal
 */
export function WaiverRequestDialog(props: WaiverRequestDialogProps) {
  const { entityRef, control, onClose, onRequested } = props;
  const api = useApi(complianceApiRef);
  const [justification, setJustification] = useState('');
  const [expires, setExpires] = useState(() =>
    toDateInput(new Date(Date.now() + DEFAULT_DAYS * 86400_000)),
  );
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  /** Left the field or tried to submit: from then on a too-short text is an error. */
  const [touched, setTouched] = useState(false);

  const expiresAt = new Date(`${expires}T00:00:00`);
  const expiryError =
    Number.isNaN(expiresAt.getTime()) ||
    expiresAt.getTime() <= Date.now() ||
    expiresAt.getTime() > Date.now() + MAX_DAYS * 86400_000;
  const limit = textLimit(justification, {
    min: MIN_JUSTIFICATION,
    max: MAX_JUSTIFICATION,
  });
  const justificationError = !!limit.error;
  // Too long shows at once (a paste); too short once the writer left the field or submitted.
  const showJustificationError =
    justificationError && (touched || justification.length > MAX_JUSTIFICATION);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!control || expiryError || justificationError) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const waiver = await api.requestWaiver({
        entityRef,
        controlId: control.id,
        justification: justification.trim(),
        expiresAt: expiresAt.toISOString(),
      });
      setJustification('');
      setTouched(false);
      onRequested(waiver);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={!!control}
      onClose={onClose}
      aria-labelledby="request-waiver-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="request-waiver-title">
          Request waiver for {control?.id}
        </DialogTitle>
        <DialogContent>
          {control?.title && (
            <DialogContentText>{control.title}</DialogContentText>
          )}
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="waiver-justification"
            label="Justification"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            onBlur={() => setTouched(true)}
            error={showJustificationError}
            helperText={
              <FieldHelp
                message={
                  showJustificationError
                    ? limit.error!
                    : `Why the risk is accepted and what mitigates it (at least ${MIN_JUSTIFICATION} characters)`
                }
                counter={limit.counter}
              />
            }
            multiline
            // A fixed height that scrolls: an autosizing field loops on a long unbroken paste
            // (MUI "Too many re-renders") as the dialog's scrollbar comes and goes. `rows` on the
            // Input (TextField deprecates its own) keeps a plain textarea.
            InputProps={{ rows: 6 }}
            fullWidth
            margin="normal"
            required
          />
          <TextField
            id="waiver-expires"
            type="date"
            label="Expires on"
            value={expires}
            onChange={e => setExpires(e.target.value)}
            error={expiryError}
            helperText={
              expiryError
                ? `A date in the next ${MAX_DAYS} days`
                : 'The control fails again after this date'
            }
            InputLabelProps={{ shrink: true }}
            fullWidth
            margin="normal"
            required
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
          >
            Request
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
