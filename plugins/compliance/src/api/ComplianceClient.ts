import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  Assessment,
  DeployedStack,
  FLEET_FILTER_KEYS,
  RollUp,
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

type QueryValue = string | number | undefined | readonly string[];

/**
 * Builds a query string. Every value goes through encodeURIComponent: entity refs carry `:`
 * and `/`, which the validating router rejects unencoded.
 *
 * @internal
 */
export function toQueryString(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === '') continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function filterParams(filter: FleetFilter = {}): Record<string, QueryValue> {
  const params: Record<string, QueryValue> = {};
  for (const key of FLEET_FILTER_KEYS) params[key] = filter[key];
  return params;
}

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/v1/entities/${[kind, namespace, name]
    .map(p => encodeURIComponent(p.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/**
 * {@link ComplianceApi} over `fetchApi` (which adds the Backstage token).
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

  async getAssessment(entityRef: string): Promise<Assessment | undefined> {
    const response = await this.fetch(`${entityPath(entityRef)}/assessment`);
    if (response.status === 404) return undefined;
    return this.json(response);
  }

  async getRollUp(entityRef: string): Promise<RollUp | undefined> {
    const response = await this.fetch(`${entityPath(entityRef)}/rollup`);
    if (response.status === 404) return undefined;
    return this.json(response);
  }

  async getDeployedStack(
    entityRef: string,
  ): Promise<DeployedStack | undefined> {
    const response = await this.fetch(
      entityPath(entityRef).replace('/v1/entities/', '/v1/live/entities/'),
    );
    if (response.status === 404) return undefined;
    return this.json(response);
  }

  async getHistory(entityRef: string): Promise<HistoryEntry[]> {
    return (
      await this.get<{ items: HistoryEntry[] }>(
        `${entityPath(entityRef)}/history`,
      )
    ).items;
  }

  async listEvidence(entityRef: string): Promise<EvidenceRecord[]> {
    return (
      await this.get<{ items: EvidenceRecord[] }>(
        `${entityPath(entityRef)}/evidence`,
      )
    ).items;
  }

  async recordEvidence(
    entityRef: string,
    input: EvidenceInput,
  ): Promise<EvidenceRecord> {
    return this.post(`${entityPath(entityRef)}/evidence`, input);
  }

  async listAssessments(
    filter: FleetFilter,
    page: FleetPageRequest,
  ): Promise<AssessmentPage> {
    const query = toQueryString({
      ...filterParams(filter),
      limit: page.limit,
      offset: page.cursor ? undefined : page.offset,
      orderBy: page.orderBy,
      cursor: page.cursor,
    });
    return this.get(`/v1/assessments${query}`);
  }

  async getAggregates(
    groupBy: GroupBy,
    filter?: FleetFilter,
  ): Promise<GroupAggregate[]> {
    const query = toQueryString({ groupBy, ...filterParams(filter) });
    return (
      await this.get<{ groups: GroupAggregate[] }>(`/v1/aggregates${query}`)
    ).groups;
  }

  async getControlAggregates(
    filter?: FleetFilter,
  ): Promise<ControlAggregate[]> {
    const query = toQueryString({
      groupBy: 'control',
      ...filterParams(filter),
    });
    return (
      await this.get<{ groups: ControlAggregate[] }>(`/v1/aggregates${query}`)
    ).groups;
  }

  async getDrMatrix(filter: DrMatrixFilter = {}): Promise<DrMatrix> {
    return this.get(
      `/v1/dr/matrix${toQueryString({
        owner: filter.owner,
        tier: filter.tier,
      })}`,
    );
  }

  async getPolicy(): Promise<PolicyDocument> {
    return this.get('/v1/policy');
  }

  async listWaivers(query: {
    entityRef?: string;
    status?: WaiverStatus[];
  }): Promise<Waiver[]> {
    const qs = toQueryString({
      entityRef: query.entityRef,
      status: query.status,
    });
    return (await this.get<{ items: Waiver[] }>(`/v1/waivers${qs}`)).items;
  }

  async listWaiverQueue(): Promise<WaiverQueueItem[]> {
    return (await this.get<{ items: WaiverQueueItem[] }>('/v1/waivers/queue'))
      .items;
  }

  async requestWaiver(request: WaiverRequest): Promise<Waiver> {
    return this.post('/v1/waivers', request);
  }

  async decideWaiver(
    id: string,
    decision: WaiverDecision,
    comment?: string,
  ): Promise<Waiver> {
    return this.post(
      `/v1/waivers/${encodeURIComponent(id)}/${decision}`,
      comment ? { comment } : {},
    );
  }

  async listTemplateReviews(): Promise<TemplateReviewSummary[]> {
    return (await this.get<{ items: TemplateReviewSummary[] }>('/v1/templates'))
      .items;
  }

  async getTemplateReview(templateRef: string): Promise<TemplateReviewDetail> {
    const { namespace, name } = parseEntityRef(templateRef, {
      defaultKind: 'template',
    });
    return this.get(
      `/v1/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}`,
    );
  }

  async decideTemplateVersion(
    templateRef: string,
    version: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<TemplateReviewDetail> {
    const { namespace, name } = parseEntityRef(templateRef, {
      defaultKind: 'template',
    });
    return this.post(
      `/v1/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/versions/${encodeURIComponent(version)}/${decision}`,
      comment ? { comment } : {},
    );
  }

  async getTemplateFreshness(stamp: string): Promise<TemplateFreshness> {
    return this.get(`/v1/template-freshness${toQueryString({ stamp })}`);
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('compliance');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async json<T>(response: Response): Promise<T> {
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    return this.json(await this.fetch(path));
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await this.fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return this.json(response);
  }
}
