import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { LiveStackStore } from './LiveStackStore';
import { driftStatus, stackHealth } from './liveFacts';
import { consoleUrl, parseStackArn } from './stackArn';

/**
 * `GET /v1/live/entities/:kind/:namespace/:name`: the deployed stack of an entity as last
 * read (status, health, parameters, last failure), its drift with the drifted resources'
 * expected and actual values, and a link to the AWS console. Only for callers who may
 * see the entity in the catalog.
 *
 * @internal
 */
export function createLiveRouter(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  store: LiveStackStore;
  stuckAfterMs: number;
}): express.Router {
  const { httpAuth, catalog, store } = options;
  const router = Router();
  router.get('/v1/live/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const ref = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    const [record] = await store.get([ref]);
    if (!record)
      throw new NotFoundError(`${ref} has no deployed stack on record`);
    const stack = parseStackArn(record.stackArn);
    const snapshot = record.snapshot;
    res.json({
      entityRef: ref,
      stackArn: record.stackArn,
      consoleUrl: stack ? consoleUrl(stack) : undefined,
      health: snapshot
        ? stackHealth(snapshot, new Date(), options.stuckAfterMs)
        : undefined,
      driftStatus: driftStatus(record.drift),
      snapshot,
      drift: record.drift,
    });
  });
  return router;
}
