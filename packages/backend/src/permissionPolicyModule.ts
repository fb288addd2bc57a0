import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ANNOTATIONS } from '@refarch/backstage-plugin-compliance-common';
import { readTechLeadGroups } from '@refarch/backstage-plugin-compliance-node';
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
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ policy, userInfo, config, catalog, auth }) {
        policy.setPolicy(
          new PortalPermissionPolicy(
            userInfo,
            readTechLeadGroups(config),
            // The catalog processor writes refarch.dev/tech-leads as a normalised group ref.
            async claims => {
              const { items } = await catalog.getEntities(
                {
                  filter: {
                    kind: 'Group',
                    [`metadata.annotations.${ANNOTATIONS.techLeads}`]: claims,
                  },
                  fields: ['kind', 'metadata.name', 'metadata.namespace'],
                },
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return items.map(e => stringifyEntityRef(e));
            },
          ),
        );
      },
    });
  },
});
