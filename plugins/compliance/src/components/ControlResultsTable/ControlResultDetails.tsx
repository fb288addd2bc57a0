import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  FACTS,
  Fact,
  Framework,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { formatDate, formatDateTime } from '../../lib/format';
import { PROVENANCE_LABELS, frameworkLabel } from '../../lib/labels';
import { ControlRow } from './controlRows';
import { SourceVerdictsTable } from './SourceVerdictsTable';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(1, 2, 2) },
  section: { marginTop: theme.spacing(2) },
  code: { fontFamily: 'monospace', fontSize: '0.85em' },
}));

function factValue(fact: Fact): string {
  if (fact.value === undefined) return 'unknown';
  if (Array.isArray(fact.value)) return fact.value.join(', ') || 'none';
  if (typeof fact.value === 'number' && FACTS[fact.id]?.type === 'duration')
    return formatDuration(fact.value);
  return String(fact.value);
}

/**
 * The expanded part of a control row: message, what each source says when they disagree,
 * rationale, resources, facts and waiver.
 *
 * @internal
 */
export function ControlResultDetails(props: { row: ControlRow }) {
  const { result, control } = props.row;
  const classes = useStyles();
  const frameworks = control
    ? (Object.entries(control.frameworks) as Array<[Framework, string[]]>)
    : [];

  return (
    <Box className={classes.root}>
      <Typography variant="body2">{result.message}</Typography>
      {result.sources && result.sources.length > 1 && (
        <Box className={classes.section}>
          <SourceVerdictsTable
            controlId={result.controlId}
            sources={result.sources}
          />
        </Box>
      )}
      {control && (
        <Box className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            Why this control exists
          </Typography>
          <Typography variant="body2">{control.rationale}</Typography>
          {frameworks.length > 0 && (
            <Typography variant="body2" color="textSecondary">
              {frameworks
                .map(([f, ids]) => `${frameworkLabel(f)} ${ids.join(', ')}`)
                .join(' · ')}
            </Typography>
          )}
          {control.equivalent && (
            <Typography variant="body2" color="textSecondary">
              Equivalent: {control.equivalent}
            </Typography>
          )}
        </Box>
      )}

      {result.waiver && (
        <Box className={classes.section}>
          <Typography variant="subtitle2" component="h4">
            Waiver
          </Typography>
          <Typography variant="body2">
            Waived until {formatDate(result.waiver.expiresAt)}
            {result.waiver.approvedBy
              ? `, approved by ${result.waiver.approvedBy}`
              : ''}
            : {result.waiver.justification}
          </Typography>
        </Box>
      )}

      {result.resources.length > 0 && (
        <Table
          size="small"
          aria-label={`Resources of ${result.controlId}`}
          className={classes.section}
        >
          <TableHead>
            <TableRow>
              <TableCell>Resource</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>Property path</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.resources.map((r, i) => (
              <TableRow key={`${r.logicalId}-${r.path}-${i}`}>
                <TableCell>{r.logicalId ?? '—'}</TableCell>
                <TableCell>{r.type ?? '—'}</TableCell>
                <TableCell className={classes.code}>{r.path ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {result.facts.length > 0 && (
        <Table
          size="small"
          aria-label={`Facts of ${result.controlId}`}
          className={classes.section}
        >
          <TableHead>
            <TableRow>
              <TableCell>Fact</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>Provenance</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Observed</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.facts.map((f, i) => (
              <TableRow key={`${f.id}-${f.provenance}-${i}`}>
                <TableCell className={classes.code}>{f.id}</TableCell>
                <TableCell>
                  {factValue(f)}
                  {f.unverified && (
                    <Typography
                      variant="caption"
                      component="p"
                      color="textSecondary"
                    >
                      Unverified: {f.unverified}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {PROVENANCE_LABELS[f.provenance] ?? f.provenance}
                </TableCell>
                <TableCell className={classes.code}>{f.source}</TableCell>
                <TableCell>{formatDateTime(f.observedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
