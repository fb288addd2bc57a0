import { InfoCard, Progress } from '@backstage/core-components';
import { BackendErrorPanel } from '../../lib/renderAsync';
import { useAssessment } from '../../hooks/useAssessment';
import { useEntityRef } from '../../hooks/useEntityRef';
import { ComplianceEmptyState } from '../ComplianceEmptyState';
import { DrDetails } from './DrDetails';

/**
 * Entity card: disaster-recovery objectives (target / declared / achievable) per disruption
 * type, evidence freshness and the weakest component.
 *
 * @public
 */
export function EntityDrCard() {
  const { entityRef, annotated } = useEntityRef();
  const { value, loading, error } = useAssessment(entityRef);

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <BackendErrorPanel error={error} />;
  else if (!value)
    body = <ComplianceEmptyState annotated={annotated} compact />;
  else body = <DrDetails dr={value.dr} />;

  return <InfoCard title="Disaster recovery">{body}</InfoCard>;
}
