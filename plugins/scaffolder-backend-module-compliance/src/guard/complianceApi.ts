import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Calls the compliance backend on behalf of the caller (their permissions apply there). */
export async function callCompliance<T>(
  deps: { auth: AuthService; discovery: DiscoveryService },
  credentials: BackstageCredentials,
  path: string,
  init?: { method: 'POST'; body: unknown },
): Promise<T> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'compliance',
  });
  const response = await fetch(
    `${await deps.discovery.getBaseUrl('compliance')}${path}`,
    {
      method: init?.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init ? { 'content-type': 'application/json' } : {}),
      },
      body: init ? JSON.stringify(init.body) : undefined,
    },
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}
