export {
  ComplianceEntityPicker,
  ENTITY_PICKER_FIELD,
} from './ComplianceEntityPicker';
export type { EntityPickerUiOptions } from './entityPickerFilter';
