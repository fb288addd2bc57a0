import { Link, Progress, ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api';
import { TemplateReviewSummary } from '../../api/types';
import { StatusChip } from '../StatusChip';

const reviewPath = (ref: string) => {
  const [, rest] = ref.split(':');
  return `templates/${rest}`;
};

const columns: TableColumn<TemplateReviewSummary>[] = [
  { title: 'Template', field: 'templateRef', render: t => <Link to={reviewPath(t.templateRef)}>{t.title ?? t.templateRef}</Link> },
  { title: 'Owner', field: 'owner' },
  { title: 'Current version', field: 'currentVersion', render: t => t.currentVersion ?? <Typography color="error" variant="body2">{t.error}</Typography> },
  { title: 'Review', field: 'currentState', render: t => (t.currentState ? <StatusChip status={t.currentState} /> : '–') },
  {
    title: 'Dry run with default inputs',
    field: 'reportStatus',
    render: t => (t.reportStatus ? <><StatusChip status={t.reportStatus} /> {t.failing ? `${t.failing} failing` : ''}</> : t.currentState === 'pending' ? 'running…' : '–'),
  },
  { title: 'Approved version', field: 'latestApproved', render: t => (t.latestApproved ? `${t.latestApproved.version} by ${t.latestApproved.decidedBy ?? '?'}` : 'none') },
];

/**
 * Every template with its review state; versions awaiting review first (the queue).
 *
 * @internal
 */
export function TemplateReviewList() {
  const api = useApi(complianceApiRef);
  const { value, loading, error } = useAsync(() => api.listTemplateReviews(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const pending = (value ?? []).filter(t => t.currentState === 'pending').length;
  return (
    <Table<TemplateReviewSummary>
      title={`Template reviews — ${pending} awaiting review`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value ?? []}
    />
  );
}
