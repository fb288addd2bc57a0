import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api';
import { TemplateReviewSummary } from '../../api/types';
import { StatusChip } from '../StatusChip';

const reviewPath = (root: string, ref: string) =>
  `${root}/templates/${ref.split(':')[1]}`;

const columnsFor = (root: string): TableColumn<TemplateReviewSummary>[] => [
  {
    title: 'Template',
    field: 'templateRef',
    render: t => (
      <Link to={reviewPath(root, t.templateRef)}>
        {t.title ?? t.templateRef}
      </Link>
    ),
  },
  { title: 'Owner', field: 'owner' },
  {
    title: 'Current version',
    field: 'currentVersion',
    render: t =>
      t.currentVersion ?? (
        <Typography color="error" variant="body2">
          {t.error}
        </Typography>
      ),
  },
  {
    title: 'Review',
    field: 'currentState',
    render: t =>
      t.currentState ? <StatusChip status={t.currentState} /> : '–',
  },
  {
    title: 'Dry run with default inputs',
    field: 'reportStatus',
    render: t => {
      if (!t.reportStatus)
        return t.currentState === 'pending' ? 'running…' : '–';
      return (
        <>
          <StatusChip status={t.reportStatus} />{' '}
          {t.failing ? `${t.failing} failing` : ''}
        </>
      );
    },
  },
  {
    title: 'Approved version',
    field: 'latestApproved',
    render: t =>
      t.latestApproved
        ? `${t.latestApproved.version} by ${t.latestApproved.decidedBy ?? '?'}`
        : 'none',
  },
];

/**
 * Every template with its review state; versions awaiting review first (the queue).
 *
 * @internal
 */
export function TemplateReviewList() {
  const api = useApi(complianceApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/compliance';
  const { value, loading, error } = useAsync(
    () => api.listTemplateReviews(),
    [api],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const pending = (value ?? []).filter(
    t => t.currentState === 'pending',
  ).length;
  return (
    <Table<TemplateReviewSummary>
      title={`Template reviews — ${pending} awaiting review`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columnsFor(root)}
      data={value ?? []}
    />
  );
}
