import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import express from 'express';
import Router from 'express-promise-router';
import { publishReadiness } from './publishReadiness';

/**
 * Mounted on the scaffolder's router ahead of its routes, like the approval guard: refuses
 * `POST /v2/tasks` whose `repoUrl` the portal cannot publish to (no GitHub integration with
 * credentials for its host), before any step runs, so no run stops half-way after generating
 * or deploying. Dry runs publish nothing and are not checked.
 *
 * @internal
 */
export function createPublishReadinessGuard(deps: {
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
}) {
  const router = Router();
  const json = express.json({ limit: '10MB' });
  router.post('/v2/tasks', json, async (req, _res, next) => {
    const repoUrl = req.body?.values?.repoUrl;
    if (typeof repoUrl === 'string') {
      const problem = publishReadiness(deps.integrations, repoUrl);
      if (problem) {
        deps.logger.info(
          `Refused task of ${String(req.body?.templateRef)}: ${problem}`,
        );
        throw new InputError(problem);
      }
    }
    next();
  });
  return router;
}
