import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ComplianceFetchClient,
  createComplianceFetchClient,
} from '@refarch/backstage-plugin-compliance-common';

/**
 * The typed compliance client (common's, generated from openapi.yaml) calling on behalf of
 * the caller, so their permissions apply there.
 */
export async function complianceClient(
  deps: { auth: AuthService; discovery: DiscoveryService },
  credentials: BackstageCredentials,
): Promise<ComplianceFetchClient> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'compliance',
  });
  return createComplianceFetchClient({
    baseUrl: await deps.discovery.getBaseUrl('compliance'),
    headers: { authorization: `Bearer ${token}` },
  });
}
