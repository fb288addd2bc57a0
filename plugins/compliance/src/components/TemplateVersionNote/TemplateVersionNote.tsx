import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { ANNOTATIONS } from '@refarch/backstage-plugin-compliance-common';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api';
import { StatusChip } from '../StatusChip';

/**
 * For entities created from a template: the template version they were built from, flagged
 * when it is older than the latest approved version of that template.
 *
 * @internal
 */
export function TemplateVersionNote() {
  const { entity } = useEntity();
  const stamp = entity.metadata.annotations?.[ANNOTATIONS.template];
  const api = useApi(complianceApiRef);
  const { value } = useAsync(
    async () => (stamp ? api.getTemplateFreshness(stamp) : undefined),
    [api, stamp],
  );
  if (!stamp || !value) return null;
  const text = {
    current: 'the latest approved version',
    outdated: `older than the approved version ${value.latestApproved}: regenerate or compare with the template`,
    unapproved: 'a version that was never approved',
    unknown: value.latestApproved
      ? `not a reviewed version; the approved one is ${value.latestApproved}`
      : 'not a reviewed version',
  }[value.state];
  return (
    // A div, not a p: the status chip is a block element.
    <Typography
      variant="body2"
      component="div"
      style={{ marginTop: 8 }}
      aria-label="Template version"
    >
      Built from {value.templateRef} version {value.version}{' '}
      <StatusChip status={value.state} />: {text}.
    </Typography>
  );
}
