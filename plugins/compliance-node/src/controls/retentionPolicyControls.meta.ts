/*
 * The metadata of the controls in retentionPolicyControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';
import { STATEFUL_RESOURCE_TYPES } from './statefulResources';

/**
 * DR-10: stateful resources are retained when CloudFormation deletes or replaces them.
 *
 * @internal
 */
export const retentionPolicyMetadata: ControlMetadata[] = [
  {
    id: 'DR-10',
    category: 'resilience',
    severity: 'medium',
    title:
      'Stateful resources keep their data when the stack is deleted or an update replaces them',
    rationale:
      'CloudFormation deletes a resource, and the data in it, when the stack is deleted or an update replaces the resource, unless DeletionPolicy / UpdateReplacePolicy say Retain or Snapshot (the defaults are Delete, except the DeletionPolicy of RDS clusters and standalone instances, judged by DR-02). All documents keep their data through infrastructure changes by IaC [001][002][003]; CONTROLS.md DR-02 asks for DeletionPolicy Snapshot on databases. The stateful types are those of cfn-lint I3011 (controls/statefulResources.ts).',
    appliesTo: [],
    resourceTypes: [...STATEFUL_RESOURCE_TYPES],
    frameworks: {
      soc2: ['A1.2'],
      gdpr: ['Art. 32(1)(c)'],
      'bsi-c5': ['OPS-06'],
    },
    sources: ['000', '001', '002', '004'],
    equivalent: 'cfn-lint I3011',
  },
];
