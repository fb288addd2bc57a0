import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  createComplianceFetchClient,
  optionalResponseData,
} from '@refarch/backstage-plugin-compliance-common';

/** The tag prefix the scaffolder's template list shows (and filters by). */
export const REVIEW_TAG_PREFIX = 'review:';

/**
 * Tags each Template with its review state (`review:approved`, `review:pending`,
 * `review:rejected`), asked from the compliance backend, so the scaffolder's template list
 * shows and filters by it. The tag is informational: the scaffolder guard decides what runs.
 * When the backend cannot answer, the template keeps no review tag rather than a wrong one.
 */
export class TemplateReviewTagProcessor implements CatalogProcessor {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  getProcessorName() {
    return 'TemplateReviewTagProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (entity.kind !== 'Template') return entity;
    const tags = (entity.metadata.tags ?? []).filter(
      t => !t.startsWith(REVIEW_TAG_PREFIX),
    );
    try {
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'compliance',
      });
      const client = createComplianceFetchClient({
        baseUrl: await this.deps.discovery.getBaseUrl('compliance'),
        headers: { authorization: `Bearer ${token}` },
      });
      const current = await optionalResponseData(
        client.request('get', '/v1/templates/{namespace}/{name}/current', {
          params: {
            path: {
              namespace: entity.metadata.namespace ?? 'default',
              name: entity.metadata.name,
            },
          },
        }),
      );
      if (current) {
        const { state } = current;
        tags.push(
          `${REVIEW_TAG_PREFIX}${state === 'unknown' ? 'pending' : state}`,
        );
      }
    } catch (e) {
      this.deps.logger.debug(
        `No review state for template ${entity.metadata.name}: ${String(e)}`,
      );
    }
    return { ...entity, metadata: { ...entity.metadata, tags } };
  }
}
