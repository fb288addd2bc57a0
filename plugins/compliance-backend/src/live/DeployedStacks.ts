import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DeployedStack } from '@refarch/backstage-plugin-compliance-common';
import { LiveStackStore } from './LiveStackStore';
import { driftStatus, stackHealth } from './liveFacts';
import { consoleUrl, parseStackArn } from './stackArn';

/**
 * The deployed stack of an entity as last read (status, health, parameters, last failure),
 * its drift with the drifted resources' expected and actual values, and a link to the AWS
 * console — for callers who may see the entity in the catalog.
 *
 * @internal
 */
export class DeployedStacks {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      store: LiveStackStore;
      stuckAfterMs: number;
      clock?: () => Date;
    },
  ) {}

  async get(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DeployedStack> {
    const { catalog, store } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const [record] = await store.get([entityRef]);
    if (!record)
      throw new NotFoundError(`${entityRef} has no deployed stack on record`);
    const stack = parseStackArn(record.stackArn);
    const snapshot = record.snapshot;
    const health = snapshot
      ? stackHealth(
          snapshot,
          this.options.clock?.() ?? new Date(),
          this.options.stuckAfterMs,
        )
      : undefined;
    return {
      entityRef,
      stackArn: record.stackArn,
      ...(stack ? { consoleUrl: consoleUrl(stack) } : {}),
      ...(health ? { health } : {}),
      driftStatus: driftStatus(record.drift),
      ...(snapshot ? { snapshot } : {}),
      ...(record.drift ? { drift: record.drift } : {}),
    };
  }
}
