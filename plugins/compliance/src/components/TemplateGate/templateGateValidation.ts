import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { complianceApiRef } from '../../api';
import { templateGateError, templateGateMessage } from './templateGateMessage';
import { listTemplateReviewsShared } from './useTemplateReviewSummary';

/**
 * Blocks the form's Next while the template's current version may not run. The value is the
 * template's ref, set by TemplateGateField in the wizard only; the review state is read when
 * the user clicks Next, so an approval meanwhile lets them go on.
 *
 * @public
 */
export const templateGateValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  if (!value) return;
  const api = context.apiHolder.get(complianceApiRef);
  if (!api) return;
  const summary = (await listTemplateReviewsShared(api)).find(
    s => s.templateRef.toLocaleLowerCase('en-US') === value,
  );
  const message = templateGateMessage(summary, '/compliance');
  if (message) validation.addError(templateGateError(message));
};
