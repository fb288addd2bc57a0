import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  Assessment,
  CONTROL_STATUSES,
  SCORE_EXPLANATION,
  Framework,
  SEVERITIES,
} from '@refarch/backstage-plugin-compliance-common';
import { formatAge, formatDateTime } from '../../lib/format';
import {
  PROVENANCE_LABELS,
  SEVERITY_LABELS,
  frameworkLabel,
} from '../../lib/labels';
import { StatusChip, statusLabel } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  section: { marginTop: theme.spacing(2) },
  plainList: { listStyle: 'none', margin: 0, padding: 0 },
  severities: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  severity: {
    minWidth: 72,
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    textAlign: 'center',
  },
  alarming: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.main,
  },
  count: { fontSize: '1.25rem', fontWeight: 600, display: 'block' },
  framework: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.25, 0),
  },
}));

/**
 * The summary of one assessment: status, score, failing controls, frameworks, sources, errors.
 *
 * @internal
 */
export function AssessmentOverview(props: { assessment: Assessment }) {
  const { assessment: a } = props;
  const classes = useStyles();
  const id = useId();
  const frameworks = Object.entries(a.frameworks) as Array<
    [Framework, NonNullable<Assessment['frameworks'][Framework]>]
  >;
  const outOfScope = a.outOfScopeFailures ?? [];
  const counts = CONTROL_STATUSES.filter(s => a.counts[s] > 0)
    .map(s => `${a.counts[s]} ${statusLabel(s).toLocaleLowerCase('en-US')}`)
    .join(' · ');

  return (
    <Box>
      <Box className={classes.row}>
        <StatusChip status={a.status} size="medium" />
        <Typography variant="h5" component="p" title={SCORE_EXPLANATION}>
          {a.score === null ? 'No score' : `Score ${a.score}%`}
        </Typography>
        <Typography
          variant="body2"
          color="textSecondary"
          title={formatDateTime(a.evaluatedAt)}
        >
          Assessed {formatAge(a.evaluatedAt)} · profile {a.profile} · policy{' '}
          {a.policyVersion}
        </Typography>
      </Box>
      {counts && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.section}
        >
          Controls: {counts}
        </Typography>
      )}

      {a.errors.length > 0 && (
        <Alert severity="error" className={classes.section}>
          <Typography variant="subtitle2" component="p">
            Problems with this entity
          </Typography>
          <ul aria-label="Entity problems">
            {a.errors.map(e => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Alert>
      )}

      <Box className={classes.section}>
        <Typography
          variant="subtitle2"
          component="h3"
          id={`${id}-failing`}
          gutterBottom
        >
          Failing controls by severity
        </Typography>
        <ul className={classes.severities} aria-labelledby={`${id}-failing`}>
          {SEVERITIES.map(s => {
            const n = a.failing[s] ?? 0;
            return (
              <li
                key={s}
                className={`${classes.severity} ${
                  n > 0 && (s === 'critical' || s === 'high')
                    ? classes.alarming
                    : ''
                }`}
              >
                <span className={classes.count}>{n}</span>
                {SEVERITY_LABELS[s]}
              </li>
            );
          })}
        </ul>
      </Box>

      <Box className={classes.section}>
        <Typography
          variant="subtitle2"
          component="h3"
          id={`${id}-frameworks`}
          gutterBottom
        >
          Frameworks in scope
        </Typography>
        {frameworks.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None declared (add refarch.dev/frameworks, e.g. soc2,gdpr).
          </Typography>
        ) : (
          <ul
            className={classes.plainList}
            aria-labelledby={`${id}-frameworks`}
          >
            {frameworks.map(([fw, f]) => (
              <li key={fw} className={classes.framework}>
                <Typography
                  variant="body2"
                  component="span"
                  style={{ minWidth: 110 }}
                >
                  {frameworkLabel(fw)}
                </Typography>
                <StatusChip status={f.status} />
                <Typography variant="caption" color="textSecondary">
                  {f.pass} pass, {f.fail} fail, {f.unknown} unknown
                </Typography>
              </li>
            ))}
          </ul>
        )}
        {outOfScope.length > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            className={classes.section}
          >
            {outOfScope.length === 1
              ? `1 failing control (${outOfScope[0]}) maps to none of the frameworks in scope: `
              : `${outOfScope.length} failing controls (${outOfScope.join(
                  ', ',
                )}) map to none of the frameworks in scope: `}
            the entity fails although{' '}
            {frameworks.length === 1
              ? 'its framework row passes'
              : 'its framework rows may pass'}
            .
          </Typography>
        )}
      </Box>

      <Box className={classes.section}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Sources
        </Typography>
        <Box className={classes.row}>
          {a.sources.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No facts found: nothing declared, no template, no live stack, no
              evidence.
            </Typography>
          ) : (
            a.sources.map(s => (
              <Chip
                key={s}
                size="small"
                variant="outlined"
                label={PROVENANCE_LABELS[s] ?? s}
              />
            ))
          )}
        </Box>
      </Box>
    </Box>
  );
}
