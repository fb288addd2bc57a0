import {
  alertApiRef,
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { ReadableScaffolderClient } from './ReadableScaffolderClient';

/**
 * Replaces the scaffolder plugin's API (same extension, `api:scaffolder`) with the stock client
 * whose refusals read as one sentence (issue 15: a refused run shows a readable error, never
 * JSON or a stack).
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
          factory: deps => new ReadableScaffolderClient(deps),
        }),
    }),
  ],
});
