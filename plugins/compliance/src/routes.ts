import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/**
 * The fleet page (`/compliance`).
 *
 * @alpha
 */
export const rootRouteRef = createRouteRef();

/**
 * The fleet DR matrix, Systems × disruption types (`/compliance/dr`).
 *
 * @alpha
 */
export const drMatrixRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/dr',
});

/**
 * The tech leads' queue of pending waivers (`/compliance/waivers`).
 *
 * @alpha
 */
export const waiverQueueRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/waivers',
});
