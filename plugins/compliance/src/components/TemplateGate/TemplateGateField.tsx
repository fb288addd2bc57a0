import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { TemplateGateBanner } from './TemplateGateBanner';
import { normalTemplateRef } from './useTemplateReviewSummary';

/** The name templates use: `ui:field: ComplianceTemplateGate`, the first field of the form. @public */
export const TEMPLATE_GATE_FIELD = 'ComplianceTemplateGate';

/**
 * The first field of a template's form: in the scaffolder's wizard
 * (`/create/templates/:namespace/:templateName`) it shows the gate banner when the template's
 * current version may not run, and keeps the template's ref as its value so that its
 * validation (templateGateValidation) stops the form before the user fills three pages for a
 * run that would be refused. Elsewhere (the template editor's preview, which dry-runs) it
 * shows nothing and blocks nothing.
 *
 * @public
 */
export function TemplateGateField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange } = props;
  const { namespace, templateName } = useParams();
  const templateRef =
    namespace && templateName
      ? normalTemplateRef(namespace, templateName)
      : undefined;
  useEffect(() => {
    if (templateRef && formData !== templateRef) onChange(templateRef);
  }, [templateRef, formData, onChange]);
  if (!templateRef) return null;
  return <TemplateGateBanner templateRef={templateRef} />;
}
