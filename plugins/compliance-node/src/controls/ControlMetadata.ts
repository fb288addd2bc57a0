import { ControlDefinition } from '@refarch/backstage-plugin-compliance-common';

/**
 * What a control family declares about each of its controls (id, category, severity, title,
 * rationale, framework mappings, thresholds…): a {@link ControlDefinition} without `enabled`,
 * whose lists and params default to empty in `policy/defaultControls.ts`.
 *
 * @internal
 */
export type ControlMetadata = Omit<
  ControlDefinition,
  'enabled' | 'params' | 'facts' | 'appliesTo' | 'resourceTypes'
> &
  Partial<
    Pick<ControlDefinition, 'params' | 'facts' | 'appliesTo' | 'resourceTypes'>
  >;
