import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { loadPolicy } from '@refarch/backstage-plugin-compliance-node';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { createDeployAction } from './actions/deploy';
import { createValidateAction } from './actions/validate';
import { createTemplateVersionAction } from './actions/templateVersion';
import { createTemplateRunGuard } from './guard/createTemplateRunGuard';

/**
 * Registers the compliance actions with the scaffolder, and the template approval guard
 * in front of the scaffolder's task and dry-run routes (see createTemplateRunGuard).
 *
 * @public
 */
export const scaffolderModuleCompliance = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'compliance',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
      },
      async init({
        scaffolderActions,
        config,
        httpRouter,
        httpAuth,
        auth,
        discovery,
        logger,
      }) {
        if (
          config.getOptionalBoolean('compliance.templates.enforceApproval') ??
          true
        ) {
          httpRouter.use(
            createTemplateRunGuard({ httpAuth, auth, discovery, logger }),
          );
        } else {
          logger.warn(
            'compliance.templates.enforceApproval is false: unapproved template versions can run',
          );
        }
        scaffolderActions.addActions(
          createTemplateVersionAction({ auth, discovery }),
          createValidateAction({ policy: loadPolicy(config) }),
          createDeployAction({
            credentialsManager: DefaultAwsCredentialsManager.fromConfig(config),
          }),
        );
      },
    });
  },
});
