import { CodeSnippet, Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATIONS,
  DECLARED_FACT_PREFIX,
} from '@refarch/backstage-plugin-compliance-common';

const EXAMPLE = `metadata:
  annotations:
    ${ANNOTATIONS.tier}: critical            # or standard: selects the RPO/RTO targets
    ${ANNOTATIONS.frameworks}: soc2,gdpr
    # either point at the infrastructure code …
    ${ANNOTATIONS.cloudformation}: ./iac/template.yaml
    # … or declare the facts the controls need
    ${DECLARED_FACT_PREFIX}storage-encrypted: "true"
    ${DECLARED_FACT_PREFIX}multi-az: "true"
    ${DECLARED_FACT_PREFIX}backup-retention: 35d`;

/**
 * What to do when an entity has no assessment: which `refarch.dev/*` annotations to add.
 *
 * @internal
 */
export function ComplianceEmptyState(props: {
  /** True when the entity already carries refarch.dev annotations (then it waits for the next run). */
  annotated: boolean;
  /** Hide the YAML example (small cards). */
  compact?: boolean;
}) {
  const { annotated, compact } = props;
  const readmeUrl = useApi(configApiRef).getOptionalString(
    'compliance.readmeUrl',
  );
  return (
    <Box>
      <Typography variant="h6" component="p" gutterBottom>
        {annotated ? 'Not assessed yet' : 'No compliance annotations'}
      </Typography>
      <Typography variant="body2" paragraph>
        {annotated
          ? 'Assessments run on a schedule after catalog changes; this entity has not been evaluated yet. Check that its annotations are complete:'
          : `Add ${ANNOTATIONS.tier} and either ${ANNOTATIONS.cloudformation} (the entity's CloudFormation template) or ${DECLARED_FACT_PREFIX}<fact> annotations to catalog-info.yaml to have this entity assessed.`}
      </Typography>
      {!compact && (
        <CodeSnippet language="yaml" text={EXAMPLE} showCopyCodeButton />
      )}
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {readmeUrl ? (
          <Link to={readmeUrl}>
            Read the compliance README for every annotation and fact
          </Link>
        ) : (
          'Every annotation and fact is described in the compliance plugin README (plugins/compliance/README.md).'
        )}
      </Typography>
    </Box>
  );
}
