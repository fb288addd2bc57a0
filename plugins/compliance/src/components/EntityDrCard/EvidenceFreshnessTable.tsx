import Typography from '@material-ui/core/Typography';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  EvidenceFreshness,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { formatDate, formatElapsed } from '../../lib/format';
import { ReadableTable, TruncatedText } from '../ReadableTable';
import { StatusChip } from '../StatusChip';

/**
 * How fresh each required kind of evidence (DR drill, restore test, …) is.
 *
 * @internal
 */
export function EvidenceFreshnessTable(props: {
  evidence: EvidenceFreshness[];
}) {
  return (
    <ReadableTable aria-label="Evidence freshness">
      <TableHead>
        <TableRow>
          <TableCell>Evidence</TableCell>
          <TableCell>Declared practice</TableCell>
          <TableCell>Last recorded</TableCell>
          <TableCell>Required every</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.evidence.map(e => (
          <TableRow key={e.kind}>
            <TableCell
              component="th"
              scope="row"
              style={{ whiteSpace: 'normal', maxWidth: 150 }}
            >
              {e.title}
            </TableCell>
            <TableCell>
              {e.declared ? (
                <TruncatedText
                  text={`every ${formatDuration(e.declared.interval)} (${
                    e.declared.source
                  })`}
                  maxWidth={160}
                  component="span"
                />
              ) : (
                'not declared'
              )}
            </TableCell>
            {/* The age under the date: one column fewer, so Status fits a half-width card. */}
            <TableCell>
              {e.lastAt ? formatDate(e.lastAt) : 'no record yet'}
              {e.ageSeconds !== undefined && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="p"
                >
                  {formatElapsed(e.ageSeconds)} ago
                </Typography>
              )}
            </TableCell>
            <TableCell>{formatDuration(e.maxAge)}</TableCell>
            <TableCell>
              <StatusChip status={e.status} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ReadableTable>
  );
}
