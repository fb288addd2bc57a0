import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  FRAMEWORKS,
  Framework,
  SEVERITIES,
} from '@refarch/backstage-plugin-compliance-common';
import { useMemo, useState } from 'react';
import { PolicyControl } from '../../api';
import { SEVERITY_LABELS, frameworkLabel } from '../../lib/labels';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  field: { minWidth: 180 },
  disabled: { opacity: 0.6 },
}));

function matches(
  control: PolicyControl,
  search: string,
  severity: string,
  framework: string,
) {
  if (severity && control.severity !== severity) return false;
  if (framework && !control.frameworks[framework as Framework]) return false;
  const q = search.trim().toLocaleLowerCase('en-US');
  return (
    !q ||
    `${control.id} ${control.title} ${control.category}`
      .toLocaleLowerCase('en-US')
      .includes(q)
  );
}

/**
 * The policy's controls with their framework mapping, source documents, rationale and fleet
 * counts; "Failing entities" opens the entity list filtered to the control.
 *
 * @internal
 */
export function PolicyControlsTable(props: {
  controls: PolicyControl[];
  onShowFailing: (controlId: string) => void;
}) {
  const { controls, onShowFailing } = props;
  const classes = useStyles();
  const [search, setSearch] = useState('');
  const [severity, setSeverity] = useState('');
  const [framework, setFramework] = useState('');
  const visible = useMemo(
    () => controls.filter(c => matches(c, search, severity, framework)),
    [controls, search, severity, framework],
  );

  return (
    <>
      <Box
        className={classes.bar}
        role="search"
        aria-label="Filter policy controls"
      >
        <TextField
          id="policy-search"
          type="search"
          label="Search controls"
          value={search}
          onChange={e => setSearch(e.target.value)}
          variant="outlined"
          size="small"
        />
        <TextField
          id="policy-severity"
          select
          label="Severity"
          value={severity}
          onChange={e => setSeverity(e.target.value)}
          SelectProps={{ native: true }}
          variant="outlined"
          size="small"
          className={classes.field}
        >
          <option value="">All</option>
          {SEVERITIES.map(s => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]}
            </option>
          ))}
        </TextField>
        <TextField
          id="policy-framework"
          select
          label="Framework"
          value={framework}
          onChange={e => setFramework(e.target.value)}
          SelectProps={{ native: true }}
          variant="outlined"
          size="small"
          className={classes.field}
        >
          <option value="">All</option>
          {FRAMEWORKS.map(f => (
            <option key={f} value={f}>
              {frameworkLabel(f)}
            </option>
          ))}
        </TextField>
      </Box>
      <Table size="small" aria-label="Policy controls">
        <TableHead>
          <TableRow>
            <TableCell>Control</TableCell>
            <TableCell>Severity</TableCell>
            <TableCell>Frameworks</TableCell>
            <TableCell>Sources</TableCell>
            <TableCell align="right">Pass</TableCell>
            <TableCell align="right">Fail</TableCell>
            <TableCell align="right">Waived</TableCell>
            <TableCell align="right">Unknown</TableCell>
            <TableCell>Entities</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {visible.map(c => (
            <TableRow
              key={c.id}
              className={c.enabled ? undefined : classes.disabled}
            >
              <TableCell component="th" scope="row" style={{ maxWidth: 520 }}>
                <Typography variant="body2">
                  <strong>{c.id}</strong> {c.title}
                  {!c.enabled && ' (disabled)'}
                </Typography>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="p"
                >
                  {c.rationale}
                </Typography>
                {c.equivalent && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="p"
                  >
                    Equivalent: {c.equivalent}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{SEVERITY_LABELS[c.severity]}</TableCell>
              <TableCell>
                {(
                  Object.entries(c.frameworks) as Array<[Framework, string[]]>
                ).map(([f, ids]) => (
                  <Typography key={f} variant="caption" component="p">
                    {frameworkLabel(f)}: {ids.join(', ')}
                  </Typography>
                ))}
              </TableCell>
              <TableCell>{c.sources.join(', ')}</TableCell>
              <TableCell align="right">{c.counts?.pass ?? 0}</TableCell>
              <TableCell align="right">{c.counts?.fail ?? 0}</TableCell>
              <TableCell align="right">{c.counts?.waived ?? 0}</TableCell>
              <TableCell align="right">{c.counts?.unknown ?? 0}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  disabled={!c.counts?.fail}
                  onClick={() => onShowFailing(c.id)}
                  aria-label={`Show entities failing ${c.id}`}
                >
                  Failing
                </Button>
              </TableCell>
            </TableRow>
          ))}
          {visible.length === 0 && (
            <TableRow>
              <TableCell colSpan={9}>
                <Typography variant="body2" color="textSecondary">
                  No control matches.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </>
  );
}
