import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DrMatrixTier,
  FLEET_LIST_FILTER_KEYS,
  WaiverStatus,
} from '@refarch/backstage-plugin-compliance-common';
import express from 'express';
import { DeployedStacks } from './live/DeployedStacks';
import { createOpenApiRouter } from './schema/openapi.generated';
import { ComplianceServices } from './service/createComplianceServices';
import { findControlCharacter } from './service/inputChecks';
import { FleetFilter } from './store/types';
import { TemplateReviewService } from './templates/TemplateReviewService';

const list = (v: unknown): string[] | undefined => {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.map(String) : [String(v)];
};

function filterFrom(q: Record<string, unknown>): FleetFilter {
  // The generated router has checked each value against openapi.yaml's enums.
  const filter: Record<string, unknown> = {};
  for (const key of FLEET_LIST_FILTER_KEYS) filter[key] = list(q[key]);
  for (const key of ['control', 'search'] as const)
    filter[key] = q[key] === undefined ? undefined : String(q[key]);
  return filter as FleetFilter;
}

const refOf = (p: { kind: string; namespace: string; name: string }) =>
  `${p.kind}:${p.namespace}/${p.name}`.toLocaleLowerCase('en-US');

/** Refuses control characters anywhere in the query or the body, naming the field. */
const controlCharacters: express.RequestHandler = (req, _res, next) => {
  const at =
    findControlCharacter(req.query, 'query') ??
    findControlCharacter(req.body, 'body');
  next(
    at
      ? new InputError(
          `${at.replace(
            /^(query|body)\./,
            '',
          )} contains a control character (e.g. NUL), which is not allowed`,
        )
      : undefined,
  );
};

/**
 * The REST API (src/schema/openapi.yaml), validated by the generated router. Thin: parse,
 * authenticate, call the service, respond; the service authorizes.
 *
 * @internal
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  /** Reads, evidence and waivers (createComplianceServices). */
  services: ComplianceServices;
  /** Template review routes; omitted by the backend benchmark. */
  templates?: TemplateReviewService;
  /** Deployed stacks; set when `compliance.live.enabled` is true. */
  deployed?: DeployedStacks;
}) {
  const { httpAuth, templates, deployed } = options;
  const { service, evidence, waivers } = options.services;
  // Dry-run checks carry the template's files (the scaffolder accepts up to 10 MB); the rest is small.
  const router = await createOpenApiRouter({
    middleware: [
      (req, res, next) =>
        (req.path === '/v1/template-run-checks'
          ? express.json({ limit: '10mb' })
          : express.json())(req, res, next),
      controlCharacters,
    ],
  });
  /** Reading: signed-in users and other backends. */
  // The generated router's request types are narrower than express.Request.
  const caller = (req: unknown) =>
    httpAuth.credentials(req as express.Request, {
      allow: ['user', 'service'],
    });
  /**
   * Acting as a person (requesting or deciding waivers, deciding templates): users only. A
   * plugin acting for a user sends an on-behalf-of token, which is that user's principal.
   */
  const person = (req: unknown) =>
    httpAuth.credentials(req as express.Request, { allow: ['user'] });

  router.get('/v1/assessments', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const page = {
      limit: Number(q.limit ?? 50),
      offset: Number(q.offset ?? 0),
      orderBy: q.orderBy as string | undefined,
      cursor: q.cursor === undefined ? undefined : String(q.cursor),
    };
    res.json(await service.list(filterFrom(q), page, await caller(req)));
  });

  router.get('/v1/aggregates', async (req, res) => {
    const credentials = await caller(req);
    const q = req.query as Record<string, unknown>;
    const groups = await service.aggregates(
      String(q.groupBy) as 'owner',
      filterFrom(q),
      credentials,
    );
    res.json({ groups });
  });

  router.get('/v1/dr/matrix', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const matrix = await service.drMatrix(
      { owner: list(q.owner), tier: list(q.tier) as DrMatrixTier[] },
      await caller(req),
    );
    res.json(matrix);
  });

  router.get('/v1/policy', async (req, res) => {
    res.json(await service.policyWithCounts(await caller(req)));
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const json = await service.assessmentJson(
        refOf(req.params),
        await caller(req),
      );
      res.type('application/json');
      res.end(json);
    },
  );

  router.get('/v1/entities/:kind/:namespace/:name/rollup', async (req, res) => {
    res.json(await service.rollUp(refOf(req.params), await caller(req)));
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/rollup/history',
    async (req, res) => {
      res.json({
        items: await service.rollUpHistory(
          refOf(req.params),
          await caller(req),
        ),
      });
    },
  );

  router.get('/v1/live/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await caller(req);
    if (!deployed)
      throw new NotFoundError(
        'Deployed stacks are not read by this backend (compliance.live.enabled is not set)',
      );
    res.json(await deployed.get(refOf(req.params), credentials));
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/history',
    async (req, res) => {
      res.json({
        items: await service.history(refOf(req.params), await caller(req)),
      });
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/evidence',
    async (req, res) => {
      res.json({
        items: await evidence.list(refOf(req.params), await caller(req)),
      });
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/evidence',
    async (req, res) => {
      const key = req.header('idempotency-key');
      if (key !== undefined && !/^[\x21-\x7e]{1,128}$/.test(key))
        throw new InputError(
          'Idempotency-Key must be 1 to 128 printable ASCII characters without spaces, e.g. a UUID',
        );
      const { record, replayed } = await evidence.add(
        refOf(req.params),
        req.body,
        await caller(req),
        key,
      );
      res.status(replayed ? 200 : 201).json(record);
    },
  );

  router.get('/v1/waivers', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const items = await waivers.list(
      {
        entityRef: q.entityRef === undefined ? undefined : String(q.entityRef),
        status: list(q.status) as WaiverStatus[] | undefined,
      },
      await caller(req),
    );
    res.json({ items });
  });

  router.get('/v1/waivers/queue', async (req, res) => {
    const items = await waivers.queue(await caller(req));
    res.json({ items });
  });

  router.post('/v1/waivers', async (req, res) => {
    res.status(201).json(await waivers.request(req.body, await person(req)));
  });

  router.post('/v1/waivers/:id/:decision', async (req, res) => {
    const decision = req.params.decision;
    if (
      decision !== 'approve' &&
      decision !== 'reject' &&
      decision !== 'revoke'
    )
      throw new InputError(`Unknown decision ${decision}`);
    const input = (req.body ?? {}) as { comment?: string };
    res.json(
      await waivers.decide(
        req.params.id,
        decision,
        input.comment,
        await person(req),
      ),
    );
  });

  if (!templates) return router;

  router.get('/v1/templates', async (req, res) => {
    res.json({ items: await templates.list(await caller(req)) });
  });

  router.get('/v1/templates/:namespace/:name', async (req, res) => {
    res.json(
      await templates.detail(
        refOf({ kind: 'template', ...req.params }),
        await caller(req),
      ),
    );
  });

  router.get('/v1/templates/:namespace/:name/current', async (req, res) => {
    res.json(
      await templates.current(
        refOf({ kind: 'template', ...req.params }),
        await caller(req),
      ),
    );
  });

  router.post(
    '/v1/templates/:namespace/:name/versions/:version/:decision',
    async (req, res) => {
      const { namespace, name, version, decision } = req.params;
      const input = (req.body ?? {}) as { comment?: string };
      res.json(
        await templates.decide(
          refOf({ kind: 'template', namespace, name }),
          version,
          decision,
          input.comment,
          await person(req),
        ),
      );
    },
  );

  router.post('/v1/template-run-checks', async (req, res) => {
    const { template, ...input } = req.body;
    res.json(
      await templates.checkRun(
        // The spec leaves the template an open object; the dry run checks it as an entity.
        { ...input, template: template as Entity | undefined },
        await caller(req),
      ),
    );
  });

  router.get('/v1/template-freshness', async (req, res) => {
    await caller(req);
    res.json(await templates.freshness(String(req.query.stamp)));
  });

  return router;
}
