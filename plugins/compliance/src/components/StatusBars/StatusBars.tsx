import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { GroupAggregate } from '../../api';
import { shortRef } from '../../lib/format';
import { SEGMENTS, StatusBar, useSegmentColours } from './StatusBar';

const VISIBLE = 10;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(120px, 220px) 1fr 64px',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0.5, 0),
  },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    marginRight: theme.spacing(0.5),
    borderRadius: 2,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
}));

/**
 * The status distribution per group (owner) as stacked horizontal bars; the worst first.
 *
 * @internal
 */
export function StatusBars(props: {
  groups: GroupAggregate[];
  title: string;
  onSelect?: (key: string) => void;
}) {
  const { groups, title, onSelect } = props;
  const classes = useStyles();
  const colours = useSegmentColours();
  const [showAll, setShowAll] = useState(false);
  const visible = showAll ? groups : groups.slice(0, VISIBLE);

  if (groups.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No assessed entities match.
      </Typography>
    );
  }

  return (
    <Box>
      <ul className={classes.list} aria-label={title}>
        {visible.map(g => {
          const label = g.key === '(none)' ? 'No owner' : shortRef(g.key);
          return (
            <li key={g.key} className={classes.row}>
              {onSelect && g.key !== '(none)' ? (
                <Button
                  size="small"
                  style={{
                    justifyContent: 'flex-start',
                    textTransform: 'none',
                  }}
                  onClick={() => onSelect(g.key)}
                  aria-label={`Show entities of ${label}`}
                >
                  {label}
                </Button>
              ) : (
                <Typography variant="body2">{label}</Typography>
              )}
              <StatusBar group={g} label={label} />
              <Typography variant="caption" color="textSecondary" align="right">
                {g.total}
              </Typography>
            </li>
          );
        })}
      </ul>
      {groups.length > VISIBLE && (
        <Button size="small" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show fewer' : `Show all ${groups.length}`}
        </Button>
      )}
      <Box className={classes.legend} aria-hidden>
        {SEGMENTS.map(s => (
          <Typography key={s.key} variant="caption">
            <span
              className={classes.swatch}
              style={{ backgroundColor: colours[s.key] }}
            />
            {s.label}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
