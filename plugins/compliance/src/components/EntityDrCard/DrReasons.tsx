import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DrStatus } from '@refarch/backstage-plugin-compliance-common';
import { useMemo } from 'react';
import { DISRUPTION_LABELS } from '../../lib/labels';
import { groupDrReasons } from './drReasons';

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  component: { marginTop: theme.spacing(1) },
  fact: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'nowrap',
  },
}));

/**
 * Why the DR status is what it is: entity-wide reasons first, then per component (each a link
 * to its entity) what the engine found, naming the fact it misses, once for all the
 * disruption types it affects.
 *
 * @internal
 */
export function DrReasons(props: { dr: DrStatus }) {
  const { dr } = props;
  const classes = useStyles();
  const { components, general } = useMemo(() => groupDrReasons(dr), [dr]);
  if (!components.length && !general.length) return null;
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        Why
      </Typography>
      {general.length > 0 && (
        <ul aria-label="DR status reasons" className={classes.list}>
          {general.map(r => (
            <li key={r}>
              <Typography variant="body2">{r}</Typography>
            </li>
          ))}
        </ul>
      )}
      {components.length > 0 && (
        <Box aria-label="Reasons per component" role="list">
          {components.map(c => (
            <Box
              key={`${c.entityRef}#${c.logicalId ?? ''}`}
              className={classes.component}
              role="listitem"
            >
              <Typography variant="body2" component="div">
                <EntityRefLink
                  entityRef={c.entityRef}
                  defaultKind="component"
                />
                {c.logicalId && (
                  <Typography
                    variant="body2"
                    component="span"
                    color="textSecondary"
                  >
                    {' '}
                    · resource {c.logicalId} of its CloudFormation
                  </Typography>
                )}
              </Typography>
              <ul className={classes.list}>
                {c.findings.map(f => (
                  <li key={f.text}>
                    <Typography variant="body2">
                      {f.missingFacts.length > 0 ? (
                        <>
                          Missing fact{f.missingFacts.length > 1 ? 's' : ''}:{' '}
                          {f.missingFacts.map((fact, i) => (
                            <span key={fact}>
                              {i > 0 && (f.allFacts ? ' and ' : ' or ')}
                              <span className={classes.fact}>
                                declared.{fact}
                              </span>
                            </span>
                          ))}
                        </>
                      ) : (
                        f.text
                      )}
                      <Typography
                        variant="caption"
                        component="span"
                        color="textSecondary"
                      >
                        {' '}
                        (
                        {f.disruptions
                          .map(d => DISRUPTION_LABELS[d] ?? d)
                          .join(', ')}
                        )
                      </Typography>
                    </Typography>
                  </li>
                ))}
              </ul>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
