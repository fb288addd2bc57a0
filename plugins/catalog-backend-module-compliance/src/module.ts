import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ComplianceAnnotationsProcessor } from './ComplianceAnnotationsProcessor';
import { TemplateReviewTagProcessor } from './TemplateReviewTagProcessor';

/**
 * Validates the compliance annotations of every entity, and tags templates with their review state.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ catalog, config, logger, discovery, auth }) {
        catalog.addProcessor(
          ComplianceAnnotationsProcessor.fromConfig(config, logger),
        );
        catalog.addProcessor(
          new TemplateReviewTagProcessor({ discovery, auth, logger }),
        );
      },
    });
  },
});
