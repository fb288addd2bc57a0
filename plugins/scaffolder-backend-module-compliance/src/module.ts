import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { loadPolicy } from '@refarch/backstage-plugin-compliance-node';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { ScmIntegrations } from '@backstage/integration';
import { createDeployAction } from './actions/deploy';
import { createValidateAction } from './actions/validate';
import { createTemplateVersionAction } from './actions/templateVersion';
import { createTierTargetsAction } from './actions/tierTargets';
import { createTemplateRunGuard } from './guard/createTemplateRunGuard';
import { createPublishReadinessGuard } from './guard/createPublishReadinessGuard';

/**
 * Registers the compliance actions with the scaffolder, and in front of the scaffolder's task
 * and dry-run routes the publish readiness check (createPublishReadinessGuard) and the
 * template approval guard (createTemplateRunGuard).
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
        const policy = loadPolicy(config);
        httpRouter.use(
          createPublishReadinessGuard({
            integrations: ScmIntegrations.fromConfig(config),
            logger,
          }),
        );
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
          createValidateAction({ policy }),
          createTierTargetsAction({ policy }),
          createDeployAction({
            credentialsManager: DefaultAwsCredentialsManager.fromConfig(config),
          }),
        );
      },
    });
  },
});
