import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  Assessment,
  ComplianceFetchClient,
  DeployedStack,
  FLEET_FILTER_KEYS,
  RollUp,
  createComplianceFetchClient,
  optionalResponseData,
  type paths,
  responseData,
} from '@refarch/backstage-plugin-compliance-common';
import { ComplianceApi } from './ComplianceApi';
import {
  AssessmentPage,
  ControlAggregate,
  DrMatrix,
  DrMatrixFilter,
  EvidenceInput,
  EvidenceRecord,
  FleetFilter,
  FleetPageRequest,
  GroupAggregate,
  GroupBy,
  HistoryEntry,
  PolicyDocument,
  Waiver,
  WaiverDecision,
  WaiverQueueItem,
  WaiverRequest,
  WaiverStatus,
  TemplateFreshness,
  TemplateReviewDetail,
  TemplateReviewSummary,
} from './types';

/** The fleet filters as the spec types them (statuses as enums). */
type FleetQuery = Omit<
  NonNullable<paths['/v1/assessments']['get']['parameters']['query']>,
  'limit' | 'offset' | 'cursor' | 'orderBy'
>;

/**
 * The filters as query parameters, without empty values (`?search=` filters nothing).
 * FleetFilter carries statuses read from the page's URL as plain strings; the validating
 * router answers an unknown one with a 400 naming it.
 */
function filterParams(filter: FleetFilter = {}): FleetQuery {
  const params: Record<string, string | string[]> = {};
  for (const key of FLEET_FILTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== '' && value.length !== 0)
      params[key] = value;
  }
  return params as FleetQuery;
}

function entityPath(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return {
    kind: kind.toLocaleLowerCase('en-US'),
    namespace: namespace.toLocaleLowerCase('en-US'),
    name: name.toLocaleLowerCase('en-US'),
  };
}

function templatePath(templateRef: string) {
  const { namespace, name } = parseEntityRef(templateRef, {
    defaultKind: 'template',
  });
  return { namespace, name };
}

/**
 * {@link ComplianceApi} over the typed client of common (generated from openapi.yaml) and
 * `fetchApi` (which adds the Backstage token). Errors are `ResponseError`s.
 *
 * @public
 */
export class ComplianceClient implements ComplianceApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async api(): Promise<ComplianceFetchClient> {
    return createComplianceFetchClient({
      baseUrl: await this.discoveryApi.getBaseUrl('compliance'),
      fetch: (url, init) => this.fetchApi.fetch(url, init),
    });
  }

  async getAssessment(entityRef: string): Promise<Assessment | undefined> {
    return optionalResponseData(
      (await this.api()).request(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/assessment',
        { params: { path: entityPath(entityRef) } },
      ),
    );
  }

  async getRollUp(entityRef: string): Promise<RollUp | undefined> {
    return optionalResponseData(
      (await this.api()).request(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/rollup',
        {
          params: { path: entityPath(entityRef) },
        },
      ),
    );
  }

  async getDeployedStack(
    entityRef: string,
  ): Promise<DeployedStack | undefined> {
    return optionalResponseData(
      (await this.api()).request(
        'get',
        '/v1/live/entities/{kind}/{namespace}/{name}',
        {
          params: { path: entityPath(entityRef) },
        },
      ),
    );
  }

  async getRollUpHistory(entityRef: string): Promise<HistoryEntry[]> {
    const page = await responseData(
      (
        await this.api()
      ).request(
        'get',
        '/v1/entities/{kind}/{namespace}/{name}/rollup/history',
        { params: { path: entityPath(entityRef) } },
      ),
    );
    return page.items;
  }

  async getHistory(entityRef: string): Promise<HistoryEntry[]> {
    const page = await responseData(
      (
        await this.api()
      ).request('get', '/v1/entities/{kind}/{namespace}/{name}/history', {
        params: { path: entityPath(entityRef) },
      }),
    );
    return page.items;
  }

  async listEvidence(entityRef: string): Promise<EvidenceRecord[]> {
    const page = await responseData(
      (
        await this.api()
      ).request('get', '/v1/entities/{kind}/{namespace}/{name}/evidence', {
        params: { path: entityPath(entityRef) },
      }),
    );
    return page.items;
  }

  async recordEvidence(
    entityRef: string,
    input: EvidenceInput,
  ): Promise<EvidenceRecord> {
    return responseData(
      (await this.api()).request(
        'post',
        '/v1/entities/{kind}/{namespace}/{name}/evidence',
        { params: { path: entityPath(entityRef) }, body: input },
      ),
    );
  }

  async listAssessments(
    filter: FleetFilter,
    page: FleetPageRequest,
  ): Promise<AssessmentPage> {
    return responseData(
      (await this.api()).request('get', '/v1/assessments', {
        params: {
          query: {
            ...filterParams(filter),
            limit: page.limit,
            offset: page.cursor ? undefined : page.offset,
            orderBy: page.orderBy,
            cursor: page.cursor,
          },
        },
      }),
    );
  }

  private async aggregates(groupBy: GroupBy | 'control', filter?: FleetFilter) {
    const { groups } = await responseData(
      (
        await this.api()
      ).request('get', '/v1/aggregates', {
        params: { query: { groupBy, ...filterParams(filter) } },
      }),
    );
    return groups;
  }

  async getAggregates(
    groupBy: GroupBy,
    filter?: FleetFilter,
  ): Promise<GroupAggregate[]> {
    return (await this.aggregates(groupBy, filter)).filter(
      (g): g is GroupAggregate => 'key' in g,
    );
  }

  async getControlAggregates(
    filter?: FleetFilter,
  ): Promise<ControlAggregate[]> {
    return (await this.aggregates('control', filter)).filter(
      (g): g is ControlAggregate => 'controlId' in g,
    );
  }

  async getDrMatrix(filter: DrMatrixFilter = {}): Promise<DrMatrix> {
    return responseData(
      (await this.api()).request('get', '/v1/dr/matrix', {
        params: { query: { owner: filter.owner, tier: filter.tier } },
      }),
    );
  }

  async getPolicy(): Promise<PolicyDocument> {
    return responseData((await this.api()).request('get', '/v1/policy'));
  }

  async listWaivers(query: {
    entityRef?: string;
    status?: WaiverStatus[];
  }): Promise<Waiver[]> {
    const page = await responseData(
      (
        await this.api()
      ).request('get', '/v1/waivers', {
        params: {
          query: { entityRef: query.entityRef, status: query.status },
        },
      }),
    );
    return page.items;
  }

  async listWaiverQueue(): Promise<WaiverQueueItem[]> {
    return (
      await responseData((await this.api()).request('get', '/v1/waivers/queue'))
    ).items;
  }

  async requestWaiver(request: WaiverRequest): Promise<Waiver> {
    return responseData(
      (await this.api()).request('post', '/v1/waivers', { body: request }),
    );
  }

  async decideWaiver(
    id: string,
    decision: WaiverDecision,
    comment?: string,
  ): Promise<Waiver> {
    return responseData(
      (await this.api()).request('post', '/v1/waivers/{id}/{decision}', {
        params: { path: { id, decision } },
        body: comment ? { comment } : {},
      }),
    );
  }

  async listTemplateReviews(): Promise<TemplateReviewSummary[]> {
    return (
      await responseData((await this.api()).request('get', '/v1/templates'))
    ).items;
  }

  async getTemplateReview(templateRef: string): Promise<TemplateReviewDetail> {
    return responseData(
      (await this.api()).request('get', '/v1/templates/{namespace}/{name}', {
        params: { path: templatePath(templateRef) },
      }),
    );
  }

  async decideTemplateVersion(
    templateRef: string,
    version: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<TemplateReviewDetail> {
    return responseData(
      (await this.api()).request(
        'post',
        '/v1/templates/{namespace}/{name}/versions/{version}/{decision}',
        {
          params: {
            path: { ...templatePath(templateRef), version, decision },
          },
          body: comment ? { comment } : {},
        },
      ),
    );
  }

  async getTemplateFreshness(stamp: string): Promise<TemplateFreshness> {
    return responseData(
      (await this.api()).request('get', '/v1/template-freshness', {
        params: { query: { stamp } },
      }),
    );
  }
}
