import {
  alertApiRef,
  ApiBlueprint,
  coreExtensionData,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { ReadableScaffolderClient } from './ReadableScaffolderClient';
import { RefusedRuns } from './RefusedRuns';
import { ReopenRefusedForm } from './ReopenRefusedForm';

const refusedRuns = new RefusedRuns();

/**
 * Replaces the scaffolder plugin's API (same extension, `api:scaffolder`) with the stock client
 * whose refusals read as one sentence (issue 15: a refused run shows a readable error, never
 * JSON or a stack), and wraps its templates page (`sub-page:scaffolder/templates`, the list and
 * the wizard) so that a refused run opens the form again with its values.
 */
export const scaffolderApiModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: scaffolderApiRef,
          deps: {
            discoveryApi: discoveryApiRef,
            scmIntegrationsApi: scmIntegrationsApiRef,
            fetchApi: fetchApiRef,
            identityApi: identityApiRef,
            alertApi: alertApiRef,
          },
          factory: deps =>
            new ReadableScaffolderClient({ ...deps, refusedRuns }),
        }),
    }),
    scaffolderPlugin.getExtension('sub-page:scaffolder/templates').override({
      *factory(originalFactory) {
        for (const data of originalFactory()) {
          if (data.id === coreExtensionData.reactElement.id) {
            yield coreExtensionData.reactElement(
              <ReopenRefusedForm refusedRuns={refusedRuns}>
                {data.value as JSX.Element}
              </ReopenRefusedForm>,
            );
          } else {
            yield data;
          }
        }
      },
    }),
  ],
});
