import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  createSubRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { ComplianceClient, complianceApiRef } from './api';
import {
  TIER_PICKER_FIELD,
  TierPickerField,
} from './components/TierPickerField';
import {
  ComplianceEntityPicker,
  ENTITY_PICKER_FIELD,
} from './components/EntityPickerField';
import {
  TEMPLATE_GATE_FIELD,
  TemplateGateField,
  templateGateValidation,
} from './components/TemplateGate';

const legacyRootRouteRef = createRouteRef({ id: 'compliance' });
/** The fleet DR matrix, a tab of the fleet page (`/compliance/dr`). */
const legacyDrMatrixRouteRef = createSubRouteRef({
  id: 'compliance-dr-matrix',
  parent: legacyRootRouteRef,
  path: '/dr',
});
/** The tech leads' queue of pending waivers, a tab of the fleet page (`/compliance/waivers`). */
const legacyWaiverQueueRouteRef = createSubRouteRef({
  id: 'compliance-waiver-queue',
  parent: legacyRootRouteRef,
  path: '/waivers',
});

/**
 * The compliance plugin for apps on the legacy frontend system; the new frontend system
 * uses the default export of `@refarch/backstage-plugin-compliance/alpha`.
 *
 * @public
 */
export const compliancePlugin = createPlugin({
  id: 'compliance',
  apis: [
    createApiFactory({
      api: complianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ComplianceClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: legacyRootRouteRef,
    drMatrix: legacyDrMatrixRouteRef,
    waiverQueue: legacyWaiverQueueRouteRef,
  },
});

/**
 * Entity card: overall compliance status, score, failing controls, frameworks and sources.
 *
 * @public
 */
export const EntityComplianceCard = compliancePlugin.provide(
  createComponentExtension({
    name: 'EntityComplianceCard',
    component: {
      lazy: () =>
        import('./components/EntityComplianceCard').then(
          m => m.EntityComplianceCard,
        ),
    },
  }),
);

/**
 * Entity card: RPO/RTO per disruption type, evidence freshness, weakest component.
 *
 * @public
 */
export const EntityDrCard = compliancePlugin.provide(
  createComponentExtension({
    name: 'EntityDrCard',
    component: {
      lazy: () => import('./components/EntityDrCard').then(m => m.EntityDrCard),
    },
  }),
);

/**
 * Entity tab content: every control result, waivers, evidence and history.
 *
 * @public
 */
export const EntityComplianceContent = compliancePlugin.provide(
  createComponentExtension({
    name: 'EntityComplianceContent',
    component: {
      lazy: () =>
        import('./components/EntityComplianceContent').then(
          m => m.EntityComplianceContent,
        ),
    },
  }),
);

/**
 * The fleet page, with its own header; its tabs include the DR matrix (`dr`, the plugin's
 * `drMatrix` route).
 *
 * @public
 */
export const CompliancePage = compliancePlugin.provide(
  createRoutableExtension({
    name: 'CompliancePage',
    component: () =>
      import('./components/CompliancePage').then(m => m.CompliancePage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * Scaffolder field `ComplianceTierPicker`: a template's tier, each choice labelled with the
 * policy's RPO/RTO targets. Legacy apps place it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const ComplianceTierPickerFieldExtension = compliancePlugin.provide(
  createScaffolderFieldExtension({
    name: TIER_PICKER_FIELD,
    component: TierPickerField,
  }),
);

/**
 * Scaffolder field `ComplianceTemplateGate`, the first field of a template's form: a banner
 * when the template's current version is pending, rejected or unreviewed (who can approve, the
 * review page), and a validation error that keeps the form from going on.
 *
 * @public
 */
export const ComplianceTemplateGateFieldExtension = compliancePlugin.provide(
  createScaffolderFieldExtension({
    name: TEMPLATE_GATE_FIELD,
    component: TemplateGateField,
    validation: templateGateValidation,
  }),
);

/**
 * Scaffolder field `ComplianceEntityPicker`: a catalog entity found by its name or its title
 * (the catalog searches, within `ui:options.catalogFilter`); the value is the full entity ref.
 * Legacy apps place it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const ComplianceEntityPickerFieldExtension = compliancePlugin.provide(
  createScaffolderFieldExtension({
    name: ENTITY_PICKER_FIELD,
    component: ComplianceEntityPicker,
  }),
);
