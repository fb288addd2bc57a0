import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ComplianceAnnotationsProcessor } from './ComplianceAnnotationsProcessor';

/**
 * Validates the compliance annotations of every entity.
 *
 * @public
 */
export const catalogModuleCompliance = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'compliance',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog, config, logger }) {
        catalog.addProcessor(ComplianceAnnotationsProcessor.fromConfig(config, logger));
      },
    });
  },
});
