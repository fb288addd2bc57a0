export { TEMPLATE_GATE_FIELD, TemplateGateField } from './TemplateGateField';
export { TemplateGateBanner } from './TemplateGateBanner';
export { templateGateValidation } from './templateGateValidation';
export { templateGateMessage, reviewPathOf } from './templateGateMessage';
export { ComplianceTemplateCard } from './ComplianceTemplateCard';
