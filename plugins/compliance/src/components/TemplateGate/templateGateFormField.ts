import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { TEMPLATE_GATE_FIELD, TemplateGateField } from './TemplateGateField';
import { templateGateValidation } from './templateGateValidation';

/** The template gate as a scaffolder form field (new frontend system). @alpha */
export const templateGateFormField = createFormField({
  name: TEMPLATE_GATE_FIELD,
  component: TemplateGateField,
  validation: templateGateValidation,
});
