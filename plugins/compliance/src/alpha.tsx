import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { ComplianceClient, complianceApiRef } from './api';
import { drMatrixRouteRef, rootRouteRef, waiverQueueRouteRef } from './routes';

/** The kinds the engine assesses. */
const assessedKinds = { kind: { $in: ['component', 'resource', 'system'] } };
/** The kinds with a compliance summary: the assessed ones, and Domains and Groups (their roll-up). */
const summaryKinds = {
  kind: { $in: ['component', 'resource', 'system', 'domain', 'group'] },
};

/** @alpha */
export const complianceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: complianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ComplianceClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const entityComplianceCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    type: 'info',
    filter: summaryKinds,
    loader: () =>
      import('./components/EntityComplianceCard').then(m => (
        <m.EntityComplianceCard />
      )),
  },
});

/** @alpha */
export const entityDrCard = EntityCardBlueprint.make({
  name: 'dr',
  params: {
    type: 'content',
    filter: assessedKinds,
    loader: () =>
      import('./components/EntityDrCard').then(m => <m.EntityDrCard />),
  },
});

/** @alpha */
export const entityComplianceContent = EntityContentBlueprint.make({
  params: {
    path: 'compliance',
    title: 'Compliance',
    filter: assessedKinds,
    loader: () =>
      import('./components/EntityComplianceContent').then(m => (
        <m.EntityComplianceContent />
      )),
  },
});

/** @alpha */
export const compliancePage = PageBlueprint.make({
  params: {
    path: '/compliance',
    title: 'Compliance',
    icon: <VerifiedUserIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/CompliancePage').then(m => <m.ComplianceRoutes />),
  },
});

/**
 * `ui:field: ComplianceTierPicker`: a template's tier, labelled with the policy's targets.
 *
 * @alpha
 */
export const tierPickerField = FormFieldBlueprint.make({
  name: 'tier-picker',
  params: {
    field: () =>
      import('./components/TierPickerField/tierPickerFormField').then(
        m => m.tierPickerFormField,
      ),
  },
});

/**
 * `ui:field: ComplianceTemplateGate`: the first field of a template's form, the gate banner
 * (pending, rejected or unreviewed version: who can approve, the review page) and a validation
 * error that keeps the form from going on.
 *
 * @alpha
 */
export const templateGateField = FormFieldBlueprint.make({
  name: 'template-gate',
  params: {
    field: () =>
      import('./components/TemplateGate/templateGateFormField').then(
        m => m.templateGateFormField,
      ),
  },
});

/**
 * `ui:field: ComplianceEntityPicker`: a catalog entity (an owner group, a system) found by its
 * name or its title, searched by the catalog within the field's `ui:options.catalogFilter`;
 * the value is the entity's full ref.
 *
 * @alpha
 */
export const entityPickerField = FormFieldBlueprint.make({
  name: 'entity-picker',
  params: {
    field: () =>
      import(
        './components/EntityPickerField/complianceEntityPickerFormField'
      ).then(m => m.complianceEntityPickerFormField),
  },
});

/**
 * The scaffolder's template card with the gate banner. The app swaps it in for the
 * scaffolder's `TemplateCard` (a swappable component the app plugin owns).
 *
 * @alpha
 */
export { ComplianceTemplateCard } from './components/TemplateGate/ComplianceTemplateCard';

/**
 * The compliance plugin for the new frontend system: API, entity cards, the entity tab
 * "Compliance" and the fleet page `/compliance` (with its nav item), whose tabs include the
 * DR matrix `/compliance/dr` (route `drMatrix`), and the templates' fields: the tier picker,
 * the template gate and the entity picker that finds by name and title.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'compliance',
  title: 'Compliance',
  icon: <VerifiedUserIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    drMatrix: drMatrixRouteRef,
    waiverQueue: waiverQueueRouteRef,
  },
  extensions: [
    complianceApi,
    entityComplianceCard,
    entityDrCard,
    entityComplianceContent,
    compliancePage,
    tierPickerField,
    templateGateField,
    entityPickerField,
  ],
});
