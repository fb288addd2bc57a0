import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/compliance',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const compliancePlugin = createFrontendPlugin({
  pluginId: 'compliance',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
