import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ComplianceEntityPicker,
  ENTITY_PICKER_FIELD,
} from './ComplianceEntityPicker';

/** The entity picker as a scaffolder form field (new frontend system). @alpha */
export const complianceEntityPickerFormField = createFormField({
  name: ENTITY_PICKER_FIELD,
  component: ComplianceEntityPicker,
});
