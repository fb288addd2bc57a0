import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { TIER_PICKER_FIELD, TierPickerField } from './TierPickerField';

/** The tier picker as a scaffolder form field (new frontend system). @alpha */
export const tierPickerFormField = createFormField({
  name: TIER_PICKER_FIELD,
  component: TierPickerField,
});
