import { Progress } from '@backstage/core-components';
import { BackendErrorPanel } from '../../lib/renderAsync';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { Waiver, WaiverDecision } from '../../api';
import { formatDate, formatDateTime } from '../../lib/format';
import { ReadableTable, TruncatedText } from '../ReadableTable';
import { StatusChip } from '../StatusChip';
import { WaiverDecisionDialog } from './WaiverDecisionDialog';

/** @internal */
export interface WaiverListProps {
  waivers?: Waiver[];
  loading?: boolean;
  error?: Error;
  /** Shows approve / reject / revoke buttons. */
  canDecide: boolean;
  /** The signed-in user's entity ref: their own requests cannot be decided by them. */
  currentUser?: string;
  onDecided: (waiver: Waiver) => void;
}

/** Why the signed-in user may not decide this request, if they may not. */
function ownRequest(waiver: Waiver, currentUser?: string): string | undefined {
  return currentUser && waiver.requestedBy === currentUser
    ? 'You requested this waiver: another tech lead decides it (four eyes).'
    : undefined;
}

function DecisionButtons(props: {
  waiver: Waiver;
  currentUser?: string;
  onDecide: (decision: WaiverDecision) => void;
}) {
  const { waiver, currentUser, onDecide } = props;
  const refused = ownRequest(waiver, currentUser);
  const button = (decision: WaiverDecision, text: string, disabled = false) => (
    <Button
      size="small"
      variant="outlined"
      style={{ whiteSpace: 'nowrap' }}
      aria-label={`${text} waiver for ${waiver.controlId}`}
      disabled={disabled}
      onClick={() => onDecide(decision)}
    >
      {text}
    </Button>
  );
  if (waiver.status === 'pending') {
    return (
      <>
        <Box display="flex" style={{ gap: 8 }}>
          {button('approve', 'Approve', !!refused)}
          {button('reject', 'Reject', !!refused)}
        </Box>
        {refused && (
          <Typography variant="caption" color="textSecondary" component="p">
            {refused}
          </Typography>
        )}
      </>
    );
  }
  if (waiver.status === 'approved' && !waiver.expired)
    return button('revoke', 'Revoke');
  return null;
}

/**
 * The entity's waivers, newest first, with approve / reject / revoke for those permitted.
 *
 * @internal
 */
export function WaiverList(props: WaiverListProps) {
  const { waivers, loading, error, canDecide, currentUser, onDecided } = props;
  const [pending, setPending] = useState<{
    waiver: Waiver;
    decision: WaiverDecision;
  }>();

  if (loading && !waivers) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!waivers?.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No waivers requested for this entity.
      </Typography>
    );
  }

  return (
    <>
      <ReadableTable aria-label="Waivers">
        <TableHead>
          <TableRow>
            <TableCell>Control</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Justification</TableCell>
            <TableCell>Requested</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>Decision</TableCell>
            {canDecide && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {waivers.map(w => (
            <TableRow key={w.id}>
              <TableCell component="th" scope="row">
                {w.controlId}
              </TableCell>
              <TableCell>
                <StatusChip
                  status={w.expired ? 'overdue' : w.status}
                  label={w.expired ? 'Expired' : undefined}
                />
              </TableCell>
              <TableCell>
                <TruncatedText text={w.justification} maxWidth={320} />
              </TableCell>
              <TableCell>
                {w.requestedBy}
                <Typography
                  variant="caption"
                  component="p"
                  color="textSecondary"
                >
                  {formatDateTime(w.requestedAt)}
                </Typography>
              </TableCell>
              <TableCell>{formatDate(w.expiresAt)}</TableCell>
              <TableCell>
                {w.decidedBy ?? '—'}
                {w.decisionComment && (
                  <TruncatedText
                    text={w.decisionComment}
                    maxWidth={240}
                    variant="caption"
                    color="textSecondary"
                    component="p"
                  />
                )}
              </TableCell>
              {canDecide && (
                <TableCell>
                  <DecisionButtons
                    waiver={w}
                    currentUser={currentUser}
                    onDecide={decision => setPending({ waiver: w, decision })}
                  />
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </ReadableTable>
      <WaiverDecisionDialog
        pending={pending}
        onClose={() => setPending(undefined)}
        onDecided={decided => {
          setPending(undefined);
          onDecided(decided);
        }}
      />
    </>
  );
}
