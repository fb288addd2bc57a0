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
          <TableCell>Age</TableCell>
          <TableCell>Required every</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.evidence.map(e => (
          <TableRow key={e.kind}>
            <TableCell component="th" scope="row">
              {e.title}
            </TableCell>
            <TableCell>
              {e.declared ? (
                <TruncatedText
                  text={`every ${formatDuration(e.declared.interval)} (${
                    e.declared.source
                  })`}
                  maxWidth={260}
                  component="span"
                />
              ) : (
                'not declared'
              )}
            </TableCell>
            <TableCell>
              {e.lastAt ? formatDate(e.lastAt) : 'no record yet'}
            </TableCell>
            <TableCell>
              {e.ageSeconds === undefined ? '—' : formatElapsed(e.ageSeconds)}
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
