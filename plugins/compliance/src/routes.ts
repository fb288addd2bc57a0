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
