import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

/** @internal */
export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'neutral' | 'muted';

const TONES: Record<string, Tone> = {
  pass: 'good',
  met: 'good',
  fresh: 'good',
  approved: 'good',
  fail: 'bad',
  error: 'bad',
  breached: 'bad',
  'declared-weaker': 'bad',
  rejected: 'bad',
  warn: 'warn',
  'at-risk': 'warn',
  overdue: 'warn',
  pending: 'warn',
  waived: 'info',
  unknown: 'neutral',
  missing: 'neutral',
  revoked: 'neutral',
  superseded: 'muted',
  current: 'good',
  outdated: 'warn',
  unapproved: 'warn',
  'not-applicable': 'muted',
  // Deployed stacks: drift and health
  'in-sync': 'good',
  drifted: 'warn',
  'not-checked': 'neutral',
  healthy: 'good',
  'rolled-back': 'warn',
  failed: 'bad',
  'in-progress': 'info',
  stuck: 'bad',
  deleted: 'bad',
};

const LABELS: Record<string, string> = {
  warn: 'Warning',
  'not-applicable': 'Not applicable',
  'at-risk': 'At risk',
  'declared-weaker': 'Declared weaker than tier',
  'in-sync': 'In sync',
  'not-checked': 'Not checked',
  'rolled-back': 'Rolled back',
  'in-progress': 'In progress',
};

/**
 * The tone (colour family) of a status value; unknown values are neutral.
 *
 * @internal
 */
export function statusTone(status: string): Tone {
  return TONES[status] ?? 'neutral';
}

/**
 * Human label of a status value (`at-risk` → `At risk`).
 *
 * @internal
 */
export function statusLabel(status: string): string {
  return (
    LABELS[status] ??
    status.charAt(0).toLocaleUpperCase('en-US') + status.slice(1)
  );
}

const filled = (colour: { main: string; contrastText: string }) => ({
  backgroundColor: colour.main,
  color: colour.contrastText,
});

const useStyles = makeStyles(theme => ({
  good: filled(theme.palette.success),
  bad: filled(theme.palette.error),
  warn: filled(theme.palette.warning),
  info: filled(theme.palette.info),
  neutral: {
    backgroundColor: theme.palette.grey[300],
    color: theme.palette.getContrastText(theme.palette.grey[300]),
  },
  muted: { color: theme.palette.text.secondary },
}));

/**
 * A coloured chip for an assessment, control, DR, evidence or waiver status.
 *
 * @internal
 */
export function StatusChip(props: {
  status: string;
  label?: string;
  size?: 'small' | 'medium';
}) {
  const { status, label, size = 'small' } = props;
  const classes = useStyles();
  const tone = statusTone(status);
  return (
    <Chip
      size={size}
      label={label ?? statusLabel(status)}
      className={classes[tone]}
      variant={tone === 'muted' ? 'outlined' : 'default'}
      data-status={status}
    />
  );
}
