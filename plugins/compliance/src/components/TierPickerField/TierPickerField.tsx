import { useApi } from '@backstage/frontend-plugin-api';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  PolicyDocument,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api';

/** The name templates use: `ui:field: ComplianceTierPicker`. @public */
export const TIER_PICKER_FIELD = 'ComplianceTierPicker';

/**
 * A tier as people choose it: its name and the policy's targets, `critical — RPO 1h, RTO 4h`.
 * The targets are read from the policy, so the form says what the compliance checks will
 * hold the service to.
 *
 * @internal
 */
export function tierLabel(tier: string, policy?: PolicyDocument): string {
  const targets = (
    policy?.tiers as Record<string, { rpo: number; rto: number }> | undefined
  )?.[tier];
  return targets
    ? `${tier} — RPO ${formatDuration(targets.rpo)}, RTO ${formatDuration(
        targets.rto,
      )}`
    : tier;
}

/**
 * The tier of a template's form, its choices labelled with the policy's RPO/RTO targets
 * (the template lists the tier ids in `enum`; no label is written twice).
 *
 * @public
 */
export function TierPickerField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const api = useApi(complianceApiRef);
  const policy = useAsync(() => api.getPolicy(), [api]);
  const tiers = (schema.enum as string[] | undefined) ?? [];
  const id = idSchema?.$id ?? 'tier';
  const error = !!rawErrors?.length;
  let help = schema.description;
  if (policy.error)
    help = `${help ? `${help} ` : ''}(the policy's targets could not be read: ${
      policy.error.message
    })`;
  return (
    <FormControl
      fullWidth
      margin="normal"
      variant="outlined"
      required={required}
      error={error}
    >
      <InputLabel id={`${id}-label`}>{schema.title ?? 'Tier'}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={schema.title ?? 'Tier'}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value as string)}
      >
        {tiers.map(t => (
          <MenuItem key={t} value={t}>
            {tierLabel(t, policy.value)}
          </MenuItem>
        ))}
      </Select>
      {(error || help) && (
        <FormHelperText>{error ? rawErrors!.join('; ') : help}</FormHelperText>
      )}
    </FormControl>
  );
}
