export {
  TIER_PICKER_FIELD,
  TierPickerField,
  tierLabel,
} from './TierPickerField';
