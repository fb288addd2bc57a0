import { InfoCard, Progress } from '@backstage/core-components';
import Divider from '@material-ui/core/Divider';
import Box from '@material-ui/core/Box';
import { BackendErrorPanel } from '../../lib/renderAsync';
import { useAssessment } from '../../hooks/useAssessment';
import { useEntityRef } from '../../hooks/useEntityRef';
import { useRollUp } from '../../hooks/useRollUp';
import { ComplianceEmptyState } from '../ComplianceEmptyState';
import { AssessmentOverview } from './AssessmentOverview';
import { TemplateVersionNote } from '../TemplateVersionNote';
import { RollUpSummary, RollUpTrend } from '../RollUpSummary';

/**
 * Entity card: overall compliance status, score, failing controls, frameworks and sources;
 * for a System, Domain or Group first the status with all its parts (the roll-up), so a
 * passing system with failing members never reads as passing.
 *
 * @public
 */
export function EntityComplianceCard() {
  const { entityRef, annotated } = useEntityRef();
  const { value, loading, error } = useAssessment(entityRef);
  const rollUp = useRollUp(entityRef);

  let body;
  if ((loading && !value) || (rollUp.loading && !rollUp.value))
    body = <Progress />;
  else if (error) body = <BackendErrorPanel error={error} />;
  else if (!value && !rollUp.value)
    body = <ComplianceEmptyState annotated={annotated} />;
  else {
    body = (
      <>
        {rollUp.value && <RollUpSummary rollUp={rollUp.value} />}
        {rollUp.value && <RollUpTrend entityRef={entityRef} />}
        {rollUp.value && value && (
          <Box my={2}>
            <Divider />
          </Box>
        )}
        {value && <AssessmentOverview assessment={value} />}
        <TemplateVersionNote />
        {value && value.sources.length === 0 && !annotated && (
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
