import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  DisruptionEstimate,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { Fragment } from 'react';
import { DISRUPTION_LABELS } from '../../lib/labels';
import { ReadableTable, TruncatedText } from '../ReadableTable';
import { StatusChip } from '../StatusChip';

type Objective = 'rpo' | 'rto';

/** `null` means the engine found no way to recover; absent means it could not tell. */
function achievable(estimate: DisruptionEstimate, key: Objective): string {
  if (!estimate.achievable) return 'unknown';
  const value = estimate.achievable[key];
  return value === null ? 'not recoverable' : formatDuration(value);
}

function target(estimate: DisruptionEstimate, key: Objective): string {
  const value = estimate.target?.[key];
  const tier = estimate.tierTarget?.[key];
  const own = value === undefined ? 'no target' : formatDuration(value);
  return tier !== undefined && tier !== value
    ? `${own} (tier ${formatDuration(tier)})`
    : own;
}

/** What the unknown achievable value waits for: `needs pitr or backup-interval on db`. */
function needs(estimate: DisruptionEstimate): string | undefined {
  if (estimate.achievable || !estimate.needs?.length) return undefined;
  return `needs ${estimate.needs
    .map(
      n =>
        `${n.facts.join(n.all ? ' and ' : ' or ')} on ${n.component.replace(
          /^[a-z]+:(default\/)?/,
          '',
        )}`,
    )
    .join('; ')}`;
}

function declared(estimate: DisruptionEstimate, key: Objective): string {
  const value = estimate.declared[key];
  return value === undefined ? 'not declared' : formatDuration(value);
}

/**
 * Target, declared and achievable RPO/RTO per disruption type.
 *
 * @internal
 */
export function DisruptionTable(props: { disruptions: DisruptionEstimate[] }) {
  return (
    <ReadableTable aria-label="Recovery objectives per disruption type">
      <TableHead>
        <TableRow>
          <TableCell>Disruption</TableCell>
          <TableCell>Objective</TableCell>
          <TableCell>Target</TableCell>
          <TableCell>Declared</TableCell>
          <TableCell>Achievable</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.disruptions.map(d => (
          <Fragment key={d.disruption}>
            <TableRow data-disruption={d.disruption}>
              {/* Wraps between its words only ("Software / data corruption"): narrower card. */}
              <TableCell
                rowSpan={2}
                component="th"
                scope="rowgroup"
                style={{ whiteSpace: 'normal', maxWidth: 110 }}
              >
                {DISRUPTION_LABELS[d.disruption] ?? d.disruption}
              </TableCell>
              <TableCell>RPO</TableCell>
              <TableCell>
                {target(d, 'rpo')}
                {d.targetSource && (
                  <TruncatedText
                    text={d.targetSource}
                    maxWidth={80}
                    variant="caption"
                    color="textSecondary"
                    component="p"
                  />
                )}
              </TableCell>
              <TableCell>{declared(d, 'rpo')}</TableCell>
              <TableCell>
                {achievable(d, 'rpo')}
                {needs(d) && (
                  <TruncatedText
                    text={needs(d)!}
                    maxWidth={100}
                    variant="caption"
                    color="textSecondary"
                    component="p"
                  />
                )}
              </TableCell>
              <TableCell rowSpan={2}>
                {/* The reason is under "Why", grouped per component. */}
                <StatusChip status={d.status} />
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell>RTO</TableCell>
              <TableCell>{target(d, 'rto')}</TableCell>
              <TableCell>{declared(d, 'rto')}</TableCell>
              <TableCell>{achievable(d, 'rto')}</TableCell>
            </TableRow>
          </Fragment>
        ))}
      </TableBody>
    </ReadableTable>
  );
}
