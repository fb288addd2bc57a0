import {
  AuthService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  TemplateRunCheck,
  paths,
  responseData,
} from '@refarch/backstage-plugin-compliance-common';
import express from 'express';
import Router from 'express-promise-router';
import { complianceClient } from './complianceApi';

type RunCheckRequest =
  paths['/v1/template-run-checks']['post']['requestBody']['content']['application/json'];

/**
 * Mounted on the scaffolder's own HTTP router, ahead of its routes (a module initialises
 * before its plugin): before `POST /v2/tasks` and `POST /v2/dry-run` it asks the compliance
 * backend whether the template version may run, and refuses with 403 and the reason when
 * not. Fails closed: when the check cannot be made, nothing runs.
 *
 * @internal
 */
export function createTemplateRunGuard(deps: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
}) {
  const router = Router();
  // Same limit as the scaffolder's own body parser; the scaffolder reuses the parsed body.
  const json = express.json({ limit: '10MB' });

  const check = async (req: express.Request, body: RunCheckRequest) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const principal = credentials.principal as {
      type: string;
      subject?: string;
    };
    // The compliance backend's own review dry runs (it decided to run them).
    if (
      body.dryRun &&
      principal.type === 'service' &&
      principal.subject === 'plugin:compliance'
    )
      return;
    let result: TemplateRunCheck;
    try {
      const client = await complianceClient(deps, credentials);
      result = await responseData(
        client.request('post', '/v1/template-run-checks', { body }),
      );
    } catch (e) {
      deps.logger.warn(`Template approval check failed: ${String(e)}`);
      throw new ServiceUnavailableError(
        `Cannot check whether this template version is approved, so it does not run: ${
          ResponseError.is(e) ? e.body.error.message : String(e)
        }`,
      );
    }
    if (!result.allowed) {
      deps.logger.info(
        `Refused ${body.dryRun ? 'dry run' : 'task'}: ${result.message}`,
      );
      throw new NotAllowedError(result.message);
    }
  };

  router.post('/v2/tasks', json, async (req, _res, next) => {
    const templateRef =
      typeof req.body?.templateRef === 'string'
        ? req.body.templateRef
        : undefined;
    // A missing templateRef is the scaffolder's own 400.
    if (templateRef) await check(req, { dryRun: false, templateRef });
    next();
  });

  router.post('/v2/dry-run', json, async (req, _res, next) => {
    const { template, directoryContents } = req.body ?? {};
    if (template && typeof template === 'object') {
      await check(req, {
        dryRun: true,
        template,
        directoryContents: Array.isArray(directoryContents)
          ? directoryContents
          : [],
      });
    }
    next();
  });

  return router;
}
