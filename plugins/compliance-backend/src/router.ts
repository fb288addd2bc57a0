import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { Policy } from '@refarch/backstage-plugin-compliance-common';
import { createOpenApiRouter } from './schema/openapi.generated';
import { ComplianceService } from './service/ComplianceService';
import { AssessmentStore } from './store/AssessmentStore';
import { FleetFilter } from './store/types';
import { TemplateReviewService } from './templates/TemplateReviewService';

const list = (v: unknown): string[] | undefined => {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.map(String) : [String(v)];
};

function filterFrom(q: Record<string, unknown>): FleetFilter {
  return {
    owner: list(q.owner),
    system: list(q.system),
    domain: list(q.domain),
    kind: list(q.kind),
    status: list(q.status),
    drStatus: list(q.drStatus),
    framework: list(q.framework),
    control: q.control === undefined ? undefined : String(q.control),
    search: q.search === undefined ? undefined : String(q.search),
  };
}

/** Our records are interfaces; the generated response types want index signatures. */
const body = <T extends object>(value: T) =>
  value as unknown as Record<string, unknown>;

const refOf = (p: { kind: string; namespace: string; name: string }) =>
  `${p.kind}:${p.namespace}/${p.name}`.toLocaleLowerCase('en-US');

/**
 * The REST API (src/schema/openapi.yaml), validated by the generated router. Thin: parse,
 * authenticate, call the service, respond; the service authorizes.
 *
 * @internal
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: ComplianceService;
  assessments: AssessmentStore;
  policy: Policy;
  /** Template review routes; omitted by the backend benchmark. */
  templates?: TemplateReviewService;
}) {
  const { httpAuth, service, assessments, policy, templates } = options;
  // Dry-run checks carry the template's files (the scaffolder accepts up to 10 MB); the rest is small.
  const router = await createOpenApiRouter({
    middleware: [
      (req, res, next) =>
        (req.path === '/v1/template-run-checks'
          ? express.json({ limit: '10mb' })
          : express.json())(req, res, next),
    ],
  });
  const user = (req: any) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/v1/assessments', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const page = {
      limit: Number(q.limit ?? 50),
      offset: Number(q.offset ?? 0),
      orderBy: q.orderBy as string | undefined,
    };
    res.json(await service.list(filterFrom(q), page, await user(req)));
  });

  router.get('/v1/aggregates', async (req, res) => {
    await user(req);
    const q = req.query as Record<string, unknown>;
    const filter = filterFrom(q);
    const groupBy = String(q.groupBy);
    const groups =
      groupBy === 'control'
        ? await assessments.aggregateControls(filter)
        : await assessments.aggregateBy(groupBy as 'owner', filter);
    res.json({ groups });
  });

  router.get('/v1/policy', async (req, res) => {
    await user(req);
    const counts = new Map(
      (await assessments.aggregateControls()).map(c => [c.controlId, c]),
    );
    res.json({
      ...policy,
      controls: policy.controls.map(c => ({
        ...c,
        counts: counts.get(c.id) ?? null,
      })),
    });
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const json = await service.assessmentJson(
        refOf(req.params),
        await user(req),
      );
      res.type('application/json');
      res.end(json);
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/history',
    async (req, res) => {
      res.json({
        items: await service.history(refOf(req.params), await user(req)),
      });
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/evidence',
    async (req, res) => {
      res.json({
        items: await service.evidence(refOf(req.params), await user(req)),
      });
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/evidence',
    async (req, res) => {
      const record = await service.addEvidence(
        refOf(req.params),
        req.body as any,
        await user(req),
      );
      res.status(201).json(body(record));
    },
  );

  router.get('/v1/waivers', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const items = await service.listWaivers(
      {
        entityRef: q.entityRef as string | undefined,
        status: list(q.status) as any,
      },
      await user(req),
    );
    res.json({ items });
  });

  router.post('/v1/waivers', async (req, res) => {
    res
      .status(201)
      .json(
        body(await service.requestWaiver(req.body as any, await user(req))),
      );
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
      body(
        await service.decideWaiver(
          req.params.id,
          decision,
          input.comment,
          await user(req),
        ),
      ),
    );
  });

  if (!templates) return router;

  router.get('/v1/templates', async (req, res) => {
    res.json({ items: await templates.list(await user(req)) });
  });

  router.get('/v1/templates/:namespace/:name', async (req, res) => {
    res.json(
      body(
        await templates.detail(
          refOf({ kind: 'template', ...req.params }),
          await user(req),
        ),
      ),
    );
  });

  router.get('/v1/templates/:namespace/:name/current', async (req, res) => {
    res.json(
      await templates.current(
        refOf({ kind: 'template', ...req.params }),
        await user(req),
      ),
    );
  });

  router.post(
    '/v1/templates/:namespace/:name/versions/:version/:decision',
    async (req, res) => {
      const { namespace, name, version, decision } = req.params;
      const input = (req.body ?? {}) as { comment?: string };
      res.json(
        body(
          await templates.decide(
            refOf({ kind: 'template', namespace, name }),
            version,
            decision,
            input.comment,
            await user(req),
          ),
        ),
      );
    },
  );

  router.post('/v1/template-run-checks', async (req, res) => {
    res.json(body(await templates.checkRun(req.body as any, await user(req))));
  });

  router.get('/v1/template-freshness', async (req, res) => {
    await user(req);
    res.json(body(await templates.freshness(String(req.query.stamp))));
  });

  return router;
}
