import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  DisruptionEstimate,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { DISRUPTION_LABELS } from '../../lib/labels';
import { statusLabel } from '../StatusChip';

type Objective = 'rpo' | 'rto';
const OBJECTIVES: Objective[] = ['rpo', 'rto'];

const TICKS: Array<[number, string]> = [
  [1, '1s'],
  [10, '10s'],
  [60, '1m'],
  [300, '5m'],
  [900, '15m'],
  [3600, '1h'],
  [4 * 3600, '4h'],
  [86400, '1d'],
  [7 * 86400, '1w'],
  [30 * 86400, '30d'],
  [365 * 86400, '1y'],
];

const WIDTH = 760;
const LABEL_X = 0;
const OBJECTIVE_X = 214;
const X0 = 226;
const X1 = WIDTH - 16;
const AXIS_H = 24;
const ROW_H = 24;
const GROUP_GAP = 12;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', maxWidth: 900, display: 'block' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  key: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    whiteSpace: 'nowrap',
  },
  swatch: { display: 'inline-block', width: 18, height: 10 },
}));

/** Every finite, positive value on the chart, to choose the axis range. */
function values(disruptions: DisruptionEstimate[]): number[] {
  return disruptions.flatMap(d =>
    OBJECTIVES.flatMap(o => [
      d.target?.[o],
      d.tierTarget?.[o],
      d.declared[o],
      d.achievable?.[o] ?? undefined,
    ]).filter((v): v is number => typeof v === 'number' && v > 0),
  );
}

/** A log scale over whole ticks that hold every value (at least 1m to 1d). */
function scale(disruptions: DisruptionEstimate[]) {
  const vs = values(disruptions);
  const lo = Math.min(60, ...vs);
  const hi = Math.max(86400, ...vs);
  const first = Math.max(0, TICKS.findIndex(([t]) => t > lo) - 1);
  const last = TICKS.findIndex(([t]) => t >= hi);
  const ticks = TICKS.slice(first, last < 0 ? TICKS.length : last + 1);
  const min = ticks[0][0];
  const max = ticks[ticks.length - 1][0];
  const x = (v: number) =>
    v <= min
      ? X0
      : X0 +
        ((Math.log(Math.min(v, max)) - Math.log(min)) /
          (Math.log(max) - Math.log(min))) *
          (X1 - X0);
  return { ticks, x };
}

/** Short, so it stays clear of the marks: the full list is under "Why". */
function needsText(d: DisruptionEstimate): string {
  const needs = d.needs ?? [];
  if (needs.length > 1) return `${needs.length} components lack facts`;
  if (!needs.length) return '';
  const facts = needs[0].facts;
  return `needs ${facts.join(needs[0].all ? ' and ' : ' or ')}`;
}

/** Where "achievable unknown" starts: after the declared bar and target when it fits. */
function unknownLabelX(
  declared: number | undefined,
  target: number | undefined,
  x: (v: number) => number,
): number {
  const end = Math.max(
    declared !== undefined ? x(declared) : X0,
    target !== undefined ? x(target) : X0,
  );
  return end + 210 < X1 ? end + 6 : X0 + 4;
}

/**
 * A label cut with an ellipsis to the room left in the chart (11 px italic: about 6 px a
 * character); the whole text is in the row's tooltip.
 */
function fitLabel(text: string, room: number): string {
  const chars = Math.floor(room / 6);
  return text.length <= chars
    ? text
    : `${text.slice(0, Math.max(chars - 1, 1))}…`;
}

const fmt = (v: number | null | undefined) => {
  if (v === undefined) return 'unknown';
  if (v === null) return 'not recoverable';
  return formatDuration(v);
};

/**
 * Target, declared and achievable RPO and RTO per disruption type as a bullet chart on one
 * logarithmic time axis: the wide light bar is what the entity declares, the narrow bar what
 * its configuration achieves (green within the target, red beyond it), the black tick the
 * target. Each mark carries its value as a tooltip and as data attributes for tests.
 *
 * @internal
 */
export function DrChart(props: { disruptions: DisruptionEstimate[] }) {
  const { disruptions } = props;
  const classes = useStyles();
  const theme = useTheme();
  const { ticks, x } = scale(disruptions);
  const groupH = 2 * ROW_H + GROUP_GAP;
  const height = AXIS_H + disruptions.length * groupH;
  const colours = {
    declared: theme.palette.type === 'dark' ? '#5c6b7a' : '#b8c7d9',
    within: theme.palette.success.main,
    beyond: theme.palette.error.main,
    neutral: theme.palette.grey[600],
    target: theme.palette.text.primary,
    grid: theme.palette.divider,
    text: theme.palette.text.primary,
    muted: theme.palette.text.secondary,
  };
  const statusColour: Record<string, string> = {
    met: colours.within,
    breached: colours.beyond,
    'declared-weaker': colours.beyond,
    unknown: colours.muted,
  };

  return (
    <Box>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label="Recovery objectives chart"
        fontFamily={theme.typography.fontFamily}
      >
        {ticks.map(([t, label]) => (
          <g key={t}>
            <line
              x1={x(t)}
              x2={x(t)}
              y1={AXIS_H - 6}
              y2={height}
              stroke={colours.grid}
            />
            <text
              x={x(t)}
              y={AXIS_H - 10}
              fontSize={11}
              textAnchor="middle"
              fill={colours.muted}
            >
              {label}
            </text>
          </g>
        ))}
        {disruptions.map((d, i) => {
          const top = AXIS_H + i * groupH + GROUP_GAP / 2;
          return (
            <g
              key={d.disruption}
              data-disruption={d.disruption}
              data-status={d.status}
            >
              <text x={LABEL_X} y={top + 16} fontSize={13} fill={colours.text}>
                {DISRUPTION_LABELS[d.disruption] ?? d.disruption}
              </text>
              <text
                x={LABEL_X}
                y={top + 34}
                fontSize={12}
                fontWeight={600}
                fill={statusColour[d.status] ?? colours.muted}
              >
                {statusLabel(d.status)}
              </text>
              {OBJECTIVES.map((o, j) => {
                const y = top + j * ROW_H;
                const mid = y + ROW_H / 2;
                const target = d.target?.[o];
                const tierTarget = d.tierTarget?.[o];
                const declared = d.declared[o];
                const achievable = d.achievable ? d.achievable[o] : undefined;
                let barColour = colours.neutral;
                if (achievable === null) barColour = colours.beyond;
                else if (achievable !== undefined && target !== undefined)
                  barColour =
                    achievable <= target ? colours.within : colours.beyond;
                const label = `${o.toUpperCase()}: target ${fmt(target)}${
                  tierTarget !== undefined && tierTarget !== target
                    ? `, tier ${fmt(tierTarget)}`
                    : ''
                }, declared ${fmt(declared)}, achievable ${fmt(achievable)}${
                  achievable === undefined && d.needs?.length
                    ? ` (${needsText(d)})`
                    : ''
                }`;
                return (
                  <g key={o} data-objective={o}>
                    <title>{label}</title>
                    <text
                      x={OBJECTIVE_X}
                      y={mid + 4}
                      fontSize={11}
                      textAnchor="end"
                      fill={colours.muted}
                    >
                      {o.toUpperCase()}
                    </text>
                    {declared !== undefined && (
                      <rect
                        data-series="declared"
                        data-value={declared}
                        x={X0}
                        y={mid - 8}
                        width={Math.max(x(declared) - X0, 2)}
                        height={16}
                        fill={colours.declared}
                      />
                    )}
                    {achievable !== undefined && (
                      <rect
                        data-series="achievable"
                        data-value={achievable === null ? 'null' : achievable}
                        x={X0}
                        y={mid - 3}
                        width={Math.max(
                          (achievable === null ? X1 : x(achievable)) - X0,
                          2,
                        )}
                        height={6}
                        fill={barColour}
                        fillOpacity={achievable === null ? 0.5 : 1}
                      />
                    )}
                    {achievable === undefined && (
                      <text
                        // Right of the declared bar and the target where there is room.
                        x={unknownLabelX(declared, target, x)}
                        y={mid + 4}
                        fontSize={11}
                        fontStyle="italic"
                        fill={colours.muted}
                      >
                        {fitLabel(
                          d.needs?.length && j === 0
                            ? `unknown: ${needsText(d)}`
                            : 'achievable unknown',
                          WIDTH - unknownLabelX(declared, target, x) - 4,
                        )}
                      </text>
                    )}
                    {achievable === null && (
                      <text
                        x={X1 - 4}
                        y={mid - 5}
                        fontSize={11}
                        textAnchor="end"
                        fill={colours.beyond}
                      >
                        not recoverable
                      </text>
                    )}
                    {tierTarget !== undefined && tierTarget !== target && (
                      <rect
                        data-series="tier-target"
                        data-value={tierTarget}
                        x={x(tierTarget) - 1}
                        y={mid - 10}
                        width={2}
                        height={20}
                        fill={colours.beyond}
                      />
                    )}
                    {target !== undefined && (
                      <rect
                        data-series="target"
                        data-value={target}
                        x={x(target) - 1.5}
                        y={mid - 10}
                        width={3}
                        height={20}
                        fill={colours.target}
                      />
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <Box className={classes.legend} aria-hidden="true">
        <Typography variant="caption" className={classes.key}>
          <span
            className={classes.swatch}
            style={{ backgroundColor: colours.declared }}
          />
          Declared
        </Typography>
        <Typography variant="caption" className={classes.key}>
          <span
            className={classes.swatch}
            style={{ backgroundColor: colours.within, height: 5 }}
          />
          Achievable within target
        </Typography>
        <Typography variant="caption" className={classes.key}>
          <span
            className={classes.swatch}
            style={{ backgroundColor: colours.beyond, height: 5 }}
          />
          Achievable beyond target
        </Typography>
        <Typography variant="caption" className={classes.key}>
          <span
            className={classes.swatch}
            style={{ backgroundColor: colours.target, width: 3, height: 14 }}
          />
          Target
        </Typography>
        {disruptions.some(d =>
          OBJECTIVES.some(
            o =>
              d.tierTarget?.[o] !== undefined &&
              d.tierTarget[o] !== d.target?.[o],
          ),
        ) && (
          <Typography variant="caption" className={classes.key}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: colours.beyond, width: 2, height: 14 }}
            />
            Tier target (policy)
          </Typography>
        )}
        <Typography variant="caption" color="textSecondary">
          Time axis is logarithmic
        </Typography>
      </Box>
    </Box>
  );
}
