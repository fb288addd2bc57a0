import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { TemplateConformanceReport } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { StatusChip } from '../StatusChip';

/** A form value as a reader sees it: lists joined, no JSON quotes. */
function inputText(value: unknown): string {
  if (Array.isArray(value)) return value.map(inputText).join(', ');
  if (value !== null && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k} ${inputText(v)}`)
      .join(', ');
  return String(value);
}

/** What the engine found in the files a dry run of the version generated. @internal */
export function ConformanceReport(props: {
  report?: TemplateConformanceReport;
}) {
  const { report } = props;
  if (!report)
    return (
      <Typography>
        The dry run of this version has not run yet; it runs on the next review
        pass (every minute).
      </Typography>
    );
  return (
    <>
      <Typography variant="body2" gutterBottom>
        Dry run {formatDateTime(report.ranAt)}: {report.files} files generated,{' '}
        {report.steps.map(s => `${s.name} ${s.status}`).join(', ')}.
      </Typography>
      {report.error && <Typography color="error">{report.error}</Typography>}
      {report.status && (
        <Typography variant="h6" gutterBottom>
          Generated infrastructure:{' '}
          <StatusChip status={report.status} size="medium" /> —{' '}
          {report.counts?.pass ?? 0} control results pass,{' '}
          {report.counts?.fail ?? 0} fail, {report.counts?.unknown ?? 0} unknown
        </Typography>
      )}
      {report.findings.length > 0 && (
        <Table size="small" aria-label="Findings">
          <TableHead>
            <TableRow>
              <TableCell>Control</TableCell>
              <TableCell>Severity</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>File</TableCell>
              <TableCell>Message</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.findings.map((f, i) => (
              <TableRow key={`${f.file}:${f.controlId}:${i}`}>
                <TableCell>
                  {f.controlId} {f.title}
                </TableCell>
                <TableCell>{f.severity}</TableCell>
                <TableCell>
                  <StatusChip status={f.status} />
                </TableCell>
                <TableCell>{f.file}</TableCell>
                <TableCell>{f.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        Passing controls ({report.passed.length})
      </Typography>
      {/* The ids in one line; each control's title in its tooltip (not a wall of titles). */}
      <Typography variant="body2">
        {report.passed.map((p, i) => (
          <span key={p.controlId}>
            {i > 0 && ' · '}
            <abbr title={p.title} style={{ textDecoration: 'none' }}>
              {p.controlId}
            </abbr>
          </span>
        ))}
      </Typography>
      <Typography variant="caption" display="block" style={{ marginTop: 8 }}>
        Inputs of the dry run:{' '}
        {Object.entries(report.values)
          .map(([k, v]) => `${k} ${inputText(v)}`)
          .join(' · ')}
      </Typography>
    </>
  );
}
