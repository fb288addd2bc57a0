import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { loadPolicy } from '@refarch/backstage-plugin-compliance-node';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { createDeployAction } from './actions/deploy';
import { createValidateAction } from './actions/validate';

/**
 * Registers the compliance actions with the scaffolder.
 *
 * @public
 */
export const scaffolderModuleCompliance = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'compliance',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint, config: coreServices.rootConfig },
      async init({ scaffolderActions, config }) {
        scaffolderActions.addActions(
          createValidateAction({ policy: loadPolicy(config) }),
          createDeployAction({ credentialsManager: DefaultAwsCredentialsManager.fromConfig(config) }),
        );
      },
    });
  },
});
