import Box from '@material-ui/core/Box';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { GroupAggregate } from '../../api';

type Segment = 'pass' | 'warn' | 'fail' | 'unknown' | 'other';

/** @internal */
export const SEGMENTS: Array<{ key: Segment; label: string }> = [
  { key: 'pass', label: 'pass' },
  { key: 'warn', label: 'warning' },
  { key: 'fail', label: 'fail' },
  { key: 'unknown', label: 'unknown' },
  { key: 'other', label: 'other' },
];

/** @internal */
export function useSegmentColours(): Record<Segment, string> {
  const theme = useTheme();
  return {
    pass: theme.palette.success.main,
    warn: theme.palette.warning.main,
    fail: theme.palette.error.main,
    unknown: theme.palette.grey[400],
    other: theme.palette.grey[200],
  };
}

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 14,
    width: '100%',
    minWidth: 120,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
  },
}));

/** @internal */
export function describeGroup(group: GroupAggregate): string {
  return SEGMENTS.filter(s => group[s.key] > 0)
    .map(s => `${group[s.key]} ${s.label}`)
    .join(', ');
}

/**
 * One stacked horizontal bar: the status distribution of a group of entities.
 *
 * @internal
 */
export function StatusBar(props: { group: GroupAggregate; label: string }) {
  const { group, label } = props;
  const classes = useStyles();
  const colours = useSegmentColours();
  const total = Math.max(group.total, 1);
  return (
    <Box
      className={classes.bar}
      role="img"
      aria-label={`${label}: ${describeGroup(group) || 'no entities'}`}
    >
      {SEGMENTS.filter(s => group[s.key] > 0).map(s => (
        <Box
          key={s.key}
          title={`${group[s.key]} ${s.label}`}
          style={{
            width: `${(group[s.key] / total) * 100}%`,
            backgroundColor: colours[s.key],
          }}
        />
      ))}
    </Box>
  );
}
