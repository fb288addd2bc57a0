import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { isUser } from './principals';

/**
 * What a caller may see and do, asked of the catalog and the permission framework: every
 * service of the REST API checks through this one.
 *
 * @internal
 */
export class CatalogAccess {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
    },
  ) {}

  /**
   * Whether the caller may read the catalog at all: 403 for a caller denied
   * `catalog.entity.read` (a service token restricted to other permissions); `conditional`
   * when only some entities are visible to them.
   */
  async readAccess(
    credentials: BackstageCredentials,
  ): Promise<'all' | 'conditional'> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY)
      throw new NotAllowedError('You may not read the catalog');
    return decision.result === AuthorizeResult.CONDITIONAL
      ? 'conditional'
      : 'all';
  }

  /** The subset of `refs` the caller may read. */
  async visibleRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (!unique.length) return new Set();
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(items.filter(Boolean).map(e => stringifyEntityRef(e!)));
  }

  /** The entity as the caller sees it; NotFound when it does not exist or they may not read it. */
  async visibleEntityRef(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    // Services are decided locally (their token's restrictions); users by the catalog below.
    if (!isUser(credentials)) await this.readAccess(credentials);
    const entity = await this.deps.catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    return stringifyEntityRef(entity);
  }

  /**
   * Which of the refs `candidates` lists the caller may read, for narrowing a query in SQL;
   * undefined when they may read all (no narrowing).
   */
  async visibleAmong(
    credentials: BackstageCredentials,
    candidates: () => Promise<string[]>,
  ): Promise<string[] | undefined> {
    if ((await this.readAccess(credentials)) === 'all') return undefined;
    return [...(await this.visibleRefs(await candidates(), credentials))];
  }

  /** Throws NotAllowed unless the permission framework allows the caller the permission. */
  async authorize(
    permission: BasicPermission | ResourcePermission,
    credentials: BackstageCredentials,
    resourceRef?: string,
  ): Promise<void> {
    const [decision] = await this.deps.permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${permission.name}${
          resourceRef ? ` on ${resourceRef}` : ''
        }`,
      );
    }
  }
}
