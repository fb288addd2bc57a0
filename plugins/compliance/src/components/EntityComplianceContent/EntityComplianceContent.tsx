import { InfoCard, Progress } from '@backstage/core-components';
import { BackendErrorPanel } from '../../lib/renderAsync';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useMemo, useState } from 'react';
import { complianceApiRef } from '../../api';
import { useAssessment } from '../../hooks/useAssessment';
import { useEntityAsync } from '../../hooks/useEntityAsync';
import { useEntityRef } from '../../hooks/useEntityRef';
import { usePolicy } from '../../hooks/usePolicy';
import { errorMessage } from '../../lib/format';
import { ComplianceEmptyState } from '../ComplianceEmptyState';
import { ControlResultsTable } from '../ControlResultsTable';
import { AssessmentOverview } from '../EntityComplianceCard/AssessmentOverview';
import { EvidenceDialog } from '../EvidenceDialog';
import { EvidenceList } from '../EvidenceList';
import { StatusHistory } from '../StatusHistory';
import { WaiverList } from '../WaiverList';
import { WaiverRequestDialog } from '../WaiverRequestDialog';
import { EntityDeployedSection } from '../EntityDeployedSection';
import { useEntityPermissions } from './useEntityPermissions';

/**
 * The entity's "Compliance" tab: every control result, waivers, evidence and history, with
 * the forms the user is permitted to use.
 *
 * @public
 */
export function EntityComplianceContent() {
  const { entityRef, annotated, cloud } = useEntityRef();
  const api = useApi(complianceApiRef);
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const assessment = useAssessment(entityRef);
  const policy = usePolicy();
  const waivers = useEntityAsync(
    entityRef,
    () => api.listWaivers({ entityRef }),
    [api],
  );
  const { canRecordEvidence, canRequestWaiver, canDecideWaivers } =
    useEntityPermissions(entityRef);
  const [reloadKey, setReloadKey] = useState(0);
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  const [waiverControl, setWaiverControl] = useState<{
    id: string;
    title?: string;
  }>();

  const { retry: retryAssessment } = assessment;
  const { retry: retryWaivers } = waivers;
  // Evidence and decisions re-evaluate the entity on the backend; reload everything they touch.
  const reload = useCallback(() => {
    retryAssessment();
    retryWaivers();
    setReloadKey(k => k + 1);
  }, [retryAssessment, retryWaivers]);

  const pendingWaivers = useMemo(
    () =>
      new Set(
        (waivers.value ?? [])
          .filter(w => w.status === 'pending')
          .map(w => w.controlId),
      ),
    [waivers.value],
  );

  if (assessment.loading && !assessment.value) return <Progress />;
  if (assessment.error) return <BackendErrorPanel error={assessment.error} />;
  if (!assessment.value) {
    return (
      <InfoCard title="Compliance">
        <ComplianceEmptyState annotated={annotated} />
      </InfoCard>
    );
  }

  const recordEvidence = canRecordEvidence ? (
    <Button
      variant="contained"
      color="primary"
      onClick={() => setEvidenceOpen(true)}
    >
      Record evidence
    </Button>
  ) : undefined;

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <InfoCard title="Summary" action={recordEvidence}>
          <AssessmentOverview assessment={assessment.value} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <EntityDeployedSection />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Controls">
          {policy.error && (
            <Alert severity="warning">
              Control titles and severities are unavailable:{' '}
              {errorMessage(policy.error)}
            </Alert>
          )}
          <ControlResultsTable
            results={assessment.value.results}
            controls={policy.value?.controls}
            cloud={cloud}
            pendingWaivers={pendingWaivers}
            onRequestWaiver={
              canRequestWaiver
                ? row =>
                    setWaiverControl({
                      id: row.result.controlId,
                      title: row.control?.title,
                    })
                : undefined
            }
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Waivers">
          <WaiverList
            waivers={waivers.value}
            loading={waivers.loading}
            error={waivers.error}
            canDecide={canDecideWaivers}
            currentUser={identity.value?.userEntityRef}
            onDecided={reload}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Status history">
          <StatusHistory entityRef={entityRef} reloadKey={reloadKey} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Evidence">
          <EvidenceList entityRef={entityRef} reloadKey={reloadKey} />
        </InfoCard>
      </Grid>
      {canRecordEvidence && (
        <EvidenceDialog
          open={evidenceOpen}
          entityRef={entityRef}
          defaultKind={
            assessment.value.dr.evidence.find(e => e.status !== 'fresh')?.kind
          }
          onClose={() => setEvidenceOpen(false)}
          onRecorded={() => {
            setEvidenceOpen(false);
            reload();
          }}
        />
      )}
      {canRequestWaiver && (
        <WaiverRequestDialog
          entityRef={entityRef}
          control={waiverControl}
          onClose={() => setWaiverControl(undefined)}
          onRequested={() => {
            setWaiverControl(undefined);
            reload();
          }}
        />
      )}
    </Grid>
  );
}
