import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

/** Installs {@link PortalPermissionPolicy} in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register({ registerInit }) {
    registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        const groups = config.getOptionalStringArray('compliance.techLeadGroups') ?? [
          'group:default/tech-leads',
        ];
        policy.setPolicy(
          new PortalPermissionPolicy(
            userInfo,
            groups.map(g => g.toLocaleLowerCase('en-US')),
          ),
        );
      },
    });
  },
});
