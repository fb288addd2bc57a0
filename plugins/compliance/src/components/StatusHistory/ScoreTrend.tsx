import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import { DAY, HistoryEntry } from '@refarch/backstage-plugin-compliance-common';
import useMeasure from 'react-use/esm/useMeasure';
import { formatDate, formatDateTime } from '../../lib/format';
import { statusLabel, statusTone, Tone } from '../StatusChip';

/** Drawn height in px; the width follows the card. */
const HEIGHT = 120;
/** Width used before the card has been measured (and in tests). */
const DEFAULT_WIDTH = 560;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 40 };
const FONT_SIZE = 11;
/** A generous average glyph width at FONT_SIZE, to keep axis labels apart. */
const CHAR_WIDTH = 6.5;

type ScoredEntry = HistoryEntry & { score: number };

const isScored = (e: HistoryEntry): e is ScoredEntry => e.score !== null;

function toneColour(theme: Theme, tone: Tone): string {
  switch (tone) {
    case 'good':
      return theme.palette.success.main;
    case 'bad':
      return theme.palette.error.main;
    case 'warn':
      return theme.palette.warning.main;
    case 'info':
      return theme.palette.info.main;
    case 'muted':
      return theme.palette.grey[400];
    default:
      return theme.palette.grey[500];
  }
}

function pointTitle(e: ScoredEntry): string {
  const change = e.previousStatus
    ? `${statusLabel(e.previousStatus)} → ${statusLabel(e.status)}`
    : `${statusLabel(e.status)} (first assessment)`;
  return `${formatDateTime(e.changedAt)}: ${change}, score ${e.score}%`;
}

/**
 * The entity's score over time as a small step chart: the score holds until the next change
 * and runs on to now; each change is a point coloured by its status.
 *
 * @internal
 */
export function ScoreTrend(props: { history: HistoryEntry[]; now?: Date }) {
  const { history, now = new Date() } = props;
  const theme = useTheme();
  const [ref, { width: measured }] = useMeasure<HTMLDivElement>();

  const entries = [...history].sort(
    (a, b) => Date.parse(a.changedAt) - Date.parse(b.changedAt),
  );
  const scored = entries.filter(isScored);

  if (scored.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {scored.length === 0
          ? 'No score recorded yet; the trend appears once there are two.'
          : `One score so far: ${scored[0].score}% on ${formatDate(
              scored[0].changedAt,
            )}. The trend appears after the next change.`}
      </Typography>
    );
  }

  const width = Math.max(Math.round(measured) || DEFAULT_WIDTH, 200);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

  const first = scored[0];
  const last = scored[scored.length - 1];
  const start = Date.parse(first.changedAt);
  const lastChange = Date.parse(entries[entries.length - 1].changedAt);
  const end = Math.max(now.getTime(), lastChange, start + DAY * 1000);

  const x = (t: number) =>
    MARGIN.left + ((t - start) / (end - start)) * plotWidth;
  const y = (score: number) =>
    MARGIN.top + (1 - Math.min(Math.max(score, 0), 100) / 100) * plotHeight;

  // The step line: each score holds until the next change (or now); a change without a
  // score interrupts the line.
  let path = '';
  let drawing = false;
  entries.forEach((e, i) => {
    if (Date.parse(e.changedAt) < start) return;
    if (!isScored(e)) {
      drawing = false;
      return;
    }
    const from = x(Date.parse(e.changedAt));
    const to =
      i + 1 < entries.length ? x(Date.parse(entries[i + 1].changedAt)) : x(end);
    path += `${drawing ? 'L' : 'M'}${from.toFixed(1)},${y(e.score).toFixed(
      1,
    )}H${to.toFixed(1)}`;
    drawing = true;
  });

  const startLabel = formatDate(first.changedAt);
  const endLabel = formatDate(new Date(end).toISOString());
  // Both date labels only when they cannot touch.
  const showEndLabel =
    (startLabel.length + endLabel.length) * CHAR_WIDTH + 24 <= plotWidth;

  const text = {
    fontFamily: theme.typography.fontFamily,
    fontSize: FONT_SIZE,
    fill: theme.palette.text.secondary,
  };
  const summary = `Score from ${first.score}% on ${startLabel} to ${
    last.score
  }% on ${formatDate(last.changedAt)} (${scored.length} scores)`;

  return (
    <Box mb={1}>
      <div ref={ref}>
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          width="100%"
          height={HEIGHT}
          style={{ display: 'block' }}
        >
          {[0, 50, 100].map(tick => (
            <g key={tick}>
              <line
                x1={MARGIN.left}
                x2={width - MARGIN.right}
                y1={y(tick)}
                y2={y(tick)}
                stroke={theme.palette.divider}
                strokeDasharray={tick === 0 ? undefined : '3 3'}
              />
              <text
                {...text}
                x={MARGIN.left - 6}
                y={y(tick)}
                textAnchor="end"
                dominantBaseline="central"
              >
                {tick}%
              </text>
            </g>
          ))}
          <text
            {...text}
            x={MARGIN.left}
            y={HEIGHT - 4}
            textAnchor="start"
            data-testid="score-trend-start"
          >
            {startLabel}
          </text>
          {showEndLabel && (
            <text
              {...text}
              x={width - MARGIN.right}
              y={HEIGHT - 4}
              textAnchor="end"
              data-testid="score-trend-end"
            >
              {endLabel}
            </text>
          )}
          <path
            d={path}
            fill="none"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            strokeLinejoin="round"
          />
          {scored.map((e, i) => (
            <circle
              key={`${e.changedAt}-${i}`}
              cx={x(Date.parse(e.changedAt))}
              cy={y(e.score)}
              r={4.5}
              fill={toneColour(theme, statusTone(e.status))}
              stroke={theme.palette.background.paper}
              strokeWidth={1.5}
              data-status={e.status}
            >
              <title>{pointTitle(e)}</title>
            </circle>
          ))}
        </svg>
      </div>
    </Box>
  );
}
