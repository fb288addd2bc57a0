import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * The fleet page (`/compliance`).
 *
 * @alpha
 */
export const rootRouteRef = createRouteRef();
