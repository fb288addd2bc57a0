import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

const CONFIG_KEY = 'auth.providers.second-guest';

/**
 * A second guest sign-in, for end-to-end tests that need two people at once (an engineer who
 * requests a waiver, a tech lead who decides it): `auth.providers.second-guest.userEntityRef`
 * names the catalog user it signs in as, with the memberships the catalog gives that user —
 * a real token from the auth backend, judged by the real permission policy. Registered only
 * when that key is set (only e2e/app-config.e2e.yaml sets it) and, like the guest provider,
 * only in development unless `dangerouslyAllowOutsideDevelopment` is true (elsewhere it is not
 * registered at all, with a warning).
 *
 * The app's sign-in page offers only "guest"; a test reaches this provider by sending the
 * guest sign-in's refresh request to `/api/auth/second-guest/refresh` (see e2e/helpers.ts).
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'second-guest-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const own = config.getOptionalConfig(CONFIG_KEY);
        if (!own) return;
        const userEntityRef = own.getString('userEntityRef');
        if (
          process.env.NODE_ENV !== 'development' &&
          own.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') !== true
        ) {
          logger.warn(
            `${CONFIG_KEY} is a test sign-in and is not offered outside development (set ${CONFIG_KEY}.dangerouslyAllowOutsideDevelopment to override)`,
          );
          return;
        }
        providers.registerProvider({
          providerId: 'second-guest',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              authenticate: async () => ({ result: {} }),
            }),
            // Only a user the catalog knows: the token carries the catalog's memberships.
            signInResolver: async (_, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
          }),
        });
      },
    });
  },
});
