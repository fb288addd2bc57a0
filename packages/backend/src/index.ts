import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Auth: guest sign-in for the embedded defaults (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// A second guest for end-to-end tests with two people; only where auth.providers.second-guest
// is configured (e2e/app-config.e2e.yaml), only in development.
backend.add(import('./secondGuestProviderModule'));

// Catalog, with the scaffolder entity model (Template kind) and the compliance
// annotation processor.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@refarch/backstage-plugin-catalog-backend-module-compliance'),
);

// Scaffolder, with publish:github (integrations.github in app-config) and the compliance actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(
  import('@refarch/backstage-plugin-scaffolder-backend-module-compliance'),
);

// Permissions, with this portal's own policy (src/permissionPolicy.ts).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicyModule'));

// Search over the catalog (Lunr in memory; no search engine to run).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Compliance and DR assessments.
backend.add(import('@refarch/backstage-plugin-compliance-backend'));

backend.start();
