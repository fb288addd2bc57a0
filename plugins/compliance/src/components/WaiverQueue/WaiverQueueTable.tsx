import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { WaiverDecision, WaiverQueueItem } from '../../api';
import { formatDate, formatDateTime } from '../../lib/format';
import { ReadableTable, TruncatedText } from '../ReadableTable';
import { StatusChip } from '../StatusChip';

/** @internal */
export interface WaiverQueueTableProps {
  items: WaiverQueueItem[];
  onDecide: (item: WaiverQueueItem, decision: WaiverDecision) => void;
}

function Decision(props: {
  item: WaiverQueueItem;
  onDecide: WaiverQueueTableProps['onDecide'];
}) {
  const { item, onDecide } = props;
  const { allowed, reason } = item.decision;
  const button = (decision: WaiverDecision, text: string) => (
    <Button
      size="small"
      variant="outlined"
      color={decision === 'approve' ? 'primary' : 'default'}
      aria-label={`${text} waiver for ${item.waiver.controlId} on ${item.waiver.entityRef}`}
      disabled={!allowed}
      onClick={() => onDecide(item, decision)}
    >
      {text}
    </Button>
  );
  return (
    <>
      <Box display="flex" style={{ gap: 8 }}>
        {button('approve', 'Approve')}
        {button('reject', 'Reject')}
      </Box>
      {!allowed && reason && (
        // Wraps between words only, in a fixed width: the reason is read, not truncated.
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          style={{ whiteSpace: 'normal', width: 180, marginTop: 4 }}
        >
          {reason}
        </Typography>
      )}
    </>
  );
}

/**
 * The pending waivers, newest first as the backend sends them: entity, the entity's status
 * now, control with its justification under it (one line each, whole text in the tooltip),
 * requester, when and until when, and Approve / Reject — disabled with the reason where the caller may not decide.
 *
 * @internal
 */
export function WaiverQueueTable(props: WaiverQueueTableProps) {
  const { items, onDecide } = props;
  return (
    <ReadableTable aria-label="Pending waivers">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Control and justification</TableCell>
          <TableCell>Requested</TableCell>
          <TableCell>Decision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => {
          const { waiver, entity } = item;
          return (
            <TableRow key={waiver.id} data-waiver-id={waiver.id}>
              <TableCell component="th" scope="row">
                <EntityRefLink entityRef={waiver.entityRef} />
              </TableCell>
              <TableCell>
                {entity ? (
                  <Box display="flex" alignItems="center" style={{ gap: 6 }}>
                    <StatusChip status={entity.status} />
                    {entity.score !== null && (
                      <Typography variant="caption" color="textSecondary">
                        {entity.score} %
                      </Typography>
                    )}
                  </Box>
                ) : (
                  <Typography variant="caption" color="textSecondary">
                    Not assessed yet
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {waiver.controlId}
                {item.controlTitle && (
                  <TruncatedText
                    text={item.controlTitle}
                    maxWidth={220}
                    variant="caption"
                    color="textSecondary"
                    component="p"
                  />
                )}
                <TruncatedText
                  text={waiver.justification}
                  maxWidth={220}
                  variant="caption"
                  component="p"
                />
              </TableCell>
              <TableCell>
                <EntityRefLink
                  entityRef={waiver.requestedBy}
                  defaultKind="user"
                />
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="p"
                >
                  {formatDateTime(waiver.requestedAt)}
                </Typography>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="p"
                >
                  until {formatDate(waiver.expiresAt)}
                </Typography>
              </TableCell>
              <TableCell>
                <Decision item={item} onDecide={onDecide} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ReadableTable>
  );
}
