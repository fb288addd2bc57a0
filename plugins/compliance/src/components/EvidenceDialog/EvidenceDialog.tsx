import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  EVIDENCE_KINDS,
  EvidenceKind,
} from '@refarch/backstage-plugin-compliance-common';
import { FormEvent, useState } from 'react';
import { EvidenceRecord, complianceApiRef } from '../../api';
import { errorMessage, toDateTimeLocal } from '../../lib/format';
import { EVIDENCE_LABELS } from '../../lib/labels';

/** @internal */
export interface EvidenceDialogProps {
  open: boolean;
  entityRef: string;
  onClose: () => void;
  onRecorded: (record: EvidenceRecord) => void;
  defaultKind?: EvidenceKind;
}

/**
 * "Record evidence": a DR drill, restore test, backup verification, access review or image
 * rescan, with when it happened, its result, a summary and a link to the report.
 *
 * @internal
 */
export function EvidenceDialog(props: EvidenceDialogProps) {
  const {
    open,
    entityRef,
    onClose,
    onRecorded,
    defaultKind = 'dr-drill',
  } = props;
  const api = useApi(complianceApiRef);
  const [kind, setKind] = useState<EvidenceKind>(defaultKind);
  const [performedAt, setPerformedAt] = useState(() =>
    toDateTimeLocal(new Date()),
  );
  const [result, setResult] = useState<'pass' | 'fail'>('pass');
  const [summary, setSummary] = useState('');
  const [link, setLink] = useState('');
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  const performedDate = new Date(performedAt);
  const dateError =
    Number.isNaN(performedDate.getTime()) ||
    performedDate.getTime() > Date.now() + 60_000;
  const summaryError = summary.trim().length < 3;
  const linkError = !!link.trim() && !/^https?:\/\/\S+$/.test(link.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (dateError || summaryError || linkError) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const record = await api.recordEvidence(entityRef, {
        kind,
        performedAt: performedDate.toISOString(),
        result,
        summary: summary.trim(),
        ...(link.trim() ? { link: link.trim() } : {}),
      });
      setSummary('');
      setLink('');
      onRecorded(record);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="record-evidence-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="record-evidence-title">Record evidence</DialogTitle>
        <DialogContent>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="evidence-kind"
            select
            label="Kind"
            value={kind}
            onChange={e => setKind(e.target.value as EvidenceKind)}
            SelectProps={{ native: true }}
            fullWidth
            margin="normal"
          >
            {EVIDENCE_KINDS.map(k => (
              <option key={k} value={k}>
                {EVIDENCE_LABELS[k]}
              </option>
            ))}
          </TextField>
          <TextField
            id="evidence-performed-at"
            type="datetime-local"
            label="Performed at"
            value={performedAt}
            onChange={e => setPerformedAt(e.target.value)}
            error={dateError}
            helperText={
              dateError ? 'A date and time, not in the future' : undefined
            }
            InputLabelProps={{ shrink: true }}
            fullWidth
            margin="normal"
            required
          />
          <FormControl component="fieldset" margin="normal">
            <FormLabel component="legend">Result</FormLabel>
            <RadioGroup
              row
              aria-label="Result"
              name="result"
              value={result}
              onChange={e => setResult(e.target.value as 'pass' | 'fail')}
            >
              <FormControlLabel value="pass" control={<Radio />} label="Pass" />
              <FormControlLabel value="fail" control={<Radio />} label="Fail" />
            </RadioGroup>
          </FormControl>
          <TextField
            id="evidence-summary"
            label="Summary"
            value={summary}
            onChange={e => setSummary(e.target.value)}
            helperText="What was done and what came out, e.g. restored the 02:00 snapshot to staging in 38 minutes"
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            required
            inputProps={{ maxLength: 2000 }}
          />
          <TextField
            id="evidence-link"
            type="url"
            label="Link to the report"
            value={link}
            onChange={e => setLink(e.target.value)}
            error={linkError}
            helperText={linkError ? 'An http(s) URL' : undefined}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting || dateError || summaryError || linkError}
          >
            Record
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
