import { InfoCard, Table } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ANNOTATIONS } from '@refarch/backstage-plugin-compliance-common';
import { useEntityRef } from '../../hooks/useEntityRef';
import { errorMessage, formatAge } from '../../lib/format';
import { readableJson } from '../../lib/readableJson';
import { StatusChip } from '../StatusChip';
import { LiveStackView, useLiveStack } from './useLiveStack';
import { formatDateTime } from '../../lib/format';

const HEALTH_SEVERITY: Record<
  string,
  'success' | 'warning' | 'error' | 'info'
> = {
  healthy: 'success',
  'in-progress': 'info',
  'rolled-back': 'warning',
  stuck: 'error',
  failed: 'error',
  deleted: 'error',
};

const when = (iso?: string) => (iso ? formatDateTime(iso) : '—');

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={3}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

function DriftTable({ drift }: { drift: NonNullable<LiveStackView['drift']> }) {
  const rows = drift.resources.flatMap(r =>
    r.differences.length
      ? r.differences.map(d => ({
          id: `${r.logicalId}${d.path}`,
          resource: `${r.logicalId} (${r.resourceType})`,
          status: r.status,
          property: d.path,
          expected: readableJson(d.expected),
          actual: d.type === 'REMOVE' ? 'removed' : readableJson(d.actual),
          raw: `expected ${d.expected}; actual ${d.actual}`,
        }))
      : [
          {
            id: r.logicalId,
            resource: `${r.logicalId} (${r.resourceType})`,
            status: r.status,
            property: '—',
            expected: 'exists',
            actual: r.status === 'DELETED' ? 'deleted' : '—',
            raw: '',
          },
        ],
  );
  return (
    <Table
      title="Drifted resources"
      options={{ paging: false, search: false, padding: 'dense' }}
      data={rows}
      columns={[
        { title: 'Resource', field: 'resource' },
        { title: 'Drift', field: 'status' },
        { title: 'Property', field: 'property' },
        {
          title: 'Expected (template)',
          field: 'expected',
          render: row => <span title={row.raw}>{row.expected}</span>,
        },
        {
          title: 'Actual (live)',
          field: 'actual',
          render: row => <span title={row.raw}>{row.actual}</span>,
        },
      ]}
    />
  );
}

/**
 * The "Deployed" section of the Compliance tab: the stack as CloudFormation reports it
 * (status, health, last update, last failure with its reason), its drift with each drifted
 * property's expected and actual value, and a link to the AWS console. Live values win
 * for the verdict; each shows when it was read.
 *
 * @public
 */
export function EntityDeployedSection() {
  const { entity } = useEntity();
  const { entityRef } = useEntityRef();
  const arn = entity.metadata.annotations?.[ANNOTATIONS.cloudformationStack];
  const live = useLiveStack(entityRef, !!arn);
  if (!arn) return null;
  const v = live.value;
  const s = v?.snapshot;
  return (
    <InfoCard
      title="Deployed"
      subheader={arn}
      deepLink={
        v?.consoleUrl
          ? { title: 'Open in the AWS console', link: v.consoleUrl }
          : undefined
      }
    >
      {live.error && (
        <Alert severity="warning">
          The deployed stack is unavailable: {errorMessage(live.error)}
        </Alert>
      )}
      {!live.error && !live.loading && !s && (
        <Typography variant="body2">
          Not read yet: the stack is read on the next live pass.
        </Typography>
      )}
      {s?.error && (
        <Alert severity="warning">
          Live facts unknown — {s.error.code}: {s.error.message}
        </Alert>
      )}
      {s && (
        <Grid container spacing={2}>
          <Field label="Stack status (live)">
            {s.status ? (
              <Chip
                size="small"
                label={s.status}
                color={v?.health === 'healthy' ? 'primary' : 'secondary'}
              />
            ) : (
              'unknown'
            )}
          </Field>
          <Field label="Health">
            <StatusChip status={v?.health ?? 'unknown'} />
          </Field>
          <Field label="Last update">
            {when(s.lastUpdatedAt ?? s.createdAt)}
          </Field>
          <Field label="Read">{when(s.readAt)}</Field>
          <Field label="Termination protection">
            {s.terminationProtection === undefined
              ? '—'
              : String(s.terminationProtection)}
          </Field>
          <Field label="Rollback triggers">{s.rollbackTriggers ?? '—'}</Field>
          <Field label="Drift">
            <StatusChip status={v?.driftStatus ?? 'unknown'} />
            {v?.drift ? (
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
                title={when(v.drift.checkedAt)}
              >
                {' '}
                checked {formatAge(v.drift.checkedAt)}
              </Typography>
            ) : null}
          </Field>
          <Field label="Parameters">
            {(s.parameters ?? []).map(p => `${p.key}=${p.value}`).join(', ') ||
              '—'}
          </Field>
          {s.lastFailure && (
            <Grid item xs={12}>
              <Alert severity={HEALTH_SEVERITY[v?.health ?? ''] ?? 'warning'}>
                Last failure: {s.lastFailure.logicalId} {s.lastFailure.status}
                {s.lastFailure.reason ? ` — ${s.lastFailure.reason}` : ''} (
                {when(s.lastFailure.at)})
              </Alert>
            </Grid>
          )}
          {v?.drift?.error && (
            <Grid item xs={12}>
              <Alert severity="info">
                Drift detection: {v.drift.error.code}: {v.drift.error.message}
              </Alert>
            </Grid>
          )}
          {!!v?.drift?.resources.length && (
            <Grid item xs={12}>
              <DriftTable drift={v.drift} />
            </Grid>
          )}
        </Grid>
      )}
    </InfoCard>
  );
}
