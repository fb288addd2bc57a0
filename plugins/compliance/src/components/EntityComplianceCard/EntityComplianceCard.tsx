import { InfoCard, Progress } from '@backstage/core-components';
import { BackendErrorPanel } from '../../lib/renderAsync';
import { useAssessment } from '../../hooks/useAssessment';
import { useEntityRef } from '../../hooks/useEntityRef';
import { ComplianceEmptyState } from '../ComplianceEmptyState';
import { AssessmentOverview } from './AssessmentOverview';
import { TemplateVersionNote } from '../TemplateVersionNote';

/**
 * Entity card: overall compliance status, score, failing controls, frameworks and sources.
 *
 * @public
 */
export function EntityComplianceCard() {
  const { entityRef, annotated } = useEntityRef();
  const { value, loading, error } = useAssessment(entityRef);

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <BackendErrorPanel error={error} />;
  else if (!value) body = <ComplianceEmptyState annotated={annotated} />;
  else {
    body = (
      <>
        <AssessmentOverview assessment={value} />
        <TemplateVersionNote />
        {value.sources.length === 0 && !annotated && (
          <ComplianceEmptyState annotated={false} compact />
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Compliance"
      deepLink={
        value ? { title: 'View all controls', link: 'compliance' } : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
