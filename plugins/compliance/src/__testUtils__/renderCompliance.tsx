import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { HttpResponse, http } from 'msw';
import { ReactElement } from 'react';
import { ComplianceClient, PolicyDocument, complianceApiRef } from '../api';
import assessmentJson from '../__fixtures__/assessment.json';
import policyJson from '../__fixtures__/policy.json';

/** A realistic assessment produced by the engine for a declared-facts database. */
export const assessment = assessmentJson as unknown as Assessment;
export const policy = policyJson as unknown as PolicyDocument;

export const BASE = 'http://example.com/api/compliance';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'orders-db',
    namespace: 'default',
    annotations: {
      'refarch.dev/tier': 'critical',
      'refarch.dev/declared.multi-az': 'false',
    },
  },
  spec: { type: 'database', owner: 'group:default/team-a' },
};

export const unannotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'plain', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

/** Handlers answering every entity route from the fixtures; tests override what they need. */
export function entityHandlers(overrides: { assessment?: Assessment } = {}) {
  const prefix = `${BASE}/v1/entities/:kind/:namespace/:name`;
  return [
    http.get(`${prefix}/assessment`, () =>
      HttpResponse.json(overrides.assessment ?? assessment),
    ),
    http.get(`${prefix}/history`, () =>
      HttpResponse.json({
        items: [
          {
            status: 'fail',
            previousStatus: 'pass',
            score: 67,
            drStatus: 'at-risk',
            changedAt: '2026-05-04T09:30:00.000Z',
          },
          {
            status: 'pass',
            score: 100,
            drStatus: 'met',
            changedAt: '2026-04-01T08:00:00.000Z',
          },
        ],
      }),
    ),
    http.get(`${prefix}/evidence`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/v1/policy`, () => HttpResponse.json(policy)),
    http.get(`${BASE}/v1/waivers`, () => HttpResponse.json({ items: [] })),
  ];
}

export const notFound = (message: string) =>
  HttpResponse.json(
    {
      error: { name: 'NotFoundError', message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: 404 },
    },
    { status: 404 },
  );

export const serverError = (message: string, status = 500, name = 'Error') =>
  HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    },
    { status },
  );

type Authorize =
  | AuthorizeResult.ALLOW
  | AuthorizeResult.DENY
  | ((
      request: EvaluatePermissionRequest,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY);

/**
 * Renders inside a test app with the real client against msw, a permission mock (allow
 * everything by default) and the catalog entity route mounted.
 */
export function renderCompliance(
  element: ReactElement,
  options: {
    entity?: Entity;
    authorize?: Authorize;
    initialRoute?: string;
  } = {},
) {
  const discoveryApi = mockApis.discovery();
  const fetchApi = mockApis.fetch();
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(content, {
    apis: [
      [complianceApiRef, new ComplianceClient({ discoveryApi, fetchApi })],
      mockApis.permission({
        authorize: options.authorize ?? AuthorizeResult.ALLOW,
      }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: options.initialRoute
      ? [options.initialRoute]
      : undefined,
  });
}
