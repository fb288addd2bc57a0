import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  assessment,
  notFound,
  serverError,
} from '../__testUtils__/renderCompliance';
import { ComplianceClient } from './ComplianceClient';

describe('ComplianceClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new ComplianceClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: mockApis.fetch(),
  });

  it('encodes entity refs and list filters in the query string', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/v1/assessments`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );
    await client.listAssessments(
      {
        owner: ['group:default/team-a', 'group:default/b c'],
        status: [],
        search: '',
      },
      { limit: 50, offset: 0 },
    );
    expect(seen).toEqual([
      '?owner=group%3Adefault%2Fteam-a&owner=group%3Adefault%2Fb%20c&limit=50&offset=0',
    ]);
  });

  it('reads an assessment by entity ref path', async () => {
    let path = '';
    server.use(
      http.get(
        `${BASE}/v1/entities/:kind/:namespace/:name/assessment`,
        ({ request }) => {
          path = new URL(request.url).pathname;
          return HttpResponse.json(assessment);
        },
      ),
    );
    await expect(
      client.getAssessment('Resource:default/orders-db'),
    ).resolves.toMatchObject({ status: 'fail', score: 67 });
    expect(path).toBe(
      '/api/compliance/v1/entities/resource/default/orders-db/assessment',
    );
  });

  it('returns undefined for an entity that has not been assessed', async () => {
    server.use(
      http.get(`${BASE}/v1/entities/:kind/:namespace/:name/assessment`, () =>
        notFound('not assessed yet'),
      ),
    );
    await expect(
      client.getAssessment('component:default/new'),
    ).resolves.toBeUndefined();
  });

  it('surfaces the backend message in a ResponseError', async () => {
    server.use(
      http.post(`${BASE}/v1/waivers/:id/:decision`, () =>
        serverError('Waiver w1 is already approved', 409, 'ConflictError'),
      ),
    );
    const error = await client.decideWaiver('w1', 'approve').catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('Waiver w1 is already approved');
  });

  it('pages the fleet with filters and order', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/v1/assessments`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );
    await client.listAssessments(
      {
        owner: ['group:default/team-a'],
        status: ['fail', 'warn'],
        control: 'ENC-01',
      },
      { limit: 50, offset: 100, orderBy: 'name' },
    );
    expect(url!.search).toBe(
      '?owner=group%3Adefault%2Fteam-a&status=fail&status=warn&control=ENC-01&limit=50&offset=100&orderBy=name',
    );
  });

  it('asks for control aggregates and posts waiver decisions with a comment', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/v1/aggregates`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({
          groups: [
            {
              controlId: 'ENC-01',
              pass: 1,
              fail: 2,
              waived: 0,
              unknown: 0,
              warn: 0,
            },
          ],
        });
      }),
      http.post(
        `${BASE}/v1/waivers/:id/:decision`,
        async ({ request, params }) => {
          seen.push(
            `${params.id} ${params.decision} ${JSON.stringify(
              await request.json(),
            )}`,
          );
          return HttpResponse.json({ id: params.id, status: 'rejected' });
        },
      ),
    );
    await expect(
      client.getControlAggregates({ framework: ['soc2'] }),
    ).resolves.toHaveLength(1);
    await client.decideWaiver('w1', 'reject', 'Fix it instead');
    expect(seen).toEqual([
      '?groupBy=control&framework=soc2',
      'w1 reject {"comment":"Fix it instead"}',
    ]);
  });

  it("posts through a fetchApi whose middlewares each build a Request from the caller's input", async () => {
    // Backstage's fetchApi middlewares (token injection, plugin:// resolution) each call
    // `new Request(input, init)`; given openapi-fetch's own Request, the second one fails on a
    // POST ("Request object that has already been used"). The client hands over a URL instead.
    const viaMiddlewares = new ComplianceClient({
      discoveryApi: mockApis.discovery(),
      fetchApi: {
        fetch: async (input, init) => {
          const first = new Request(input as RequestInfo, init);
          const second = new Request(input as RequestInfo, init);
          expect(first.url).toBe(second.url);
          return fetch(second);
        },
      },
    });
    let body: unknown;
    server.use(
      http.post(`${BASE}/v1/waivers/:id/:decision`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 'w1', status: 'approved' });
      }),
    );
    await viaMiddlewares.decideWaiver('w1', 'approve', 'ok until the rollout');
    expect(body).toEqual({ comment: 'ok until the rollout' });
  });
});
