import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  FactId,
  FactValue,
  isComponentClass,
  readComplianceAnnotations,
} from '@refarch/backstage-plugin-compliance-common';
import { DrComponent } from '@refarch/backstage-plugin-compliance-node';
import { AssessedEntityMeta } from '../store/types';

/** The kinds that get an assessment. @internal */
export const ASSESSED_KINDS = ['Component', 'Resource', 'System'];

/** The entity fields an evaluation pass needs from the catalog. @internal */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  // What the catalog changes on any change to the entity: its fingerprint (inputFingerprint).
  'metadata.etag',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'relations',
];

/** The targets of an entity's relations of `type`, in order. */
function targets(entity: Entity, type: string): string[] {
  const out: string[] = [];
  for (const r of entity.relations ?? [])
    if (r.type === type) out.push(r.targetRef);
  return out;
}

/** The first target of an entity's relations of `type` that starts with `prefix`. */
function firstTarget(
  entity: Entity | undefined,
  type: string,
  prefix = '',
): string | undefined {
  for (const r of entity?.relations ?? [])
    if (r.type === type && r.targetRef.startsWith(prefix)) return r.targetRef;
  return undefined;
}

/**
 * Where an entity's recovery starts: a system's parts, what anything else depends on. (A
 * kind is compared without case, as the catalog does; English has no special case rules.)
 */
function recoveryStart(entity: Entity): string[] {
  const system =
    entity.kind === 'System' || entity.kind.toLowerCase() === 'system';
  return targets(entity, system ? RELATION_HAS_PART : RELATION_DEPENDS_ON);
}

/** @internal */
export function metaOf(
  entity: Entity,
  index: ReadonlyMap<string, Entity>,
): AssessedEntityMeta {
  const system = firstTarget(entity, RELATION_PART_OF, 'system:');
  const domain =
    firstTarget(entity, RELATION_PART_OF, 'domain:') ??
    (system
      ? firstTarget(index.get(system), RELATION_PART_OF, 'domain:')
      : undefined);
  return {
    kind: entity.kind.toLowerCase(),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    type: typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
    owner: firstTarget(entity, RELATION_OWNED_BY),
    system,
    domain,
    templateVersion: entity.metadata.annotations?.[ANNOTATIONS.template],
  };
}

/** Declared facts of an entity as a DR component; undefined when it is not a component class. @internal */
export function asDrComponent(entity: Entity): DrComponent | undefined {
  const type = entity.spec?.type;
  if (!isComponentClass(type)) return undefined;
  // A component the document only plans is not part of what has to be recovered today.
  if (entity.metadata.annotations?.[ANNOTATIONS.profile] === 'planned')
    return undefined;
  const { declared } = readComplianceAnnotations(entity.metadata.annotations);
  return {
    name: stringifyEntityRef(entity),
    componentClass: type,
    facts: new Map<FactId, FactValue | undefined>(
      declared.map(f => [f.id, f.value]),
    ),
  };
}

/**
 * The refs an entity's recovery reaches, in visiting order: for a component what it depends
 * on (transitively, two levels), for a system its parts and what they depend on; refs not in
 * `index` included (they end their branch).
 */
function visitDependencies(
  entity: Entity,
  index: ReadonlyMap<string, Entity>,
  onVisit: (ref: string, target: Entity | undefined) => void,
): void {
  const self = stringifyEntityRef(entity);
  const seen = new Set<string>([self]);
  const visit = (ref: string, depth: number) => {
    if (seen.has(ref) || depth > 2) return;
    seen.add(ref);
    const target = index.get(ref);
    onVisit(ref, target);
    if (!target) return;
    for (const r of target.relations ?? [])
      if (r.type === RELATION_DEPENDS_ON) visit(r.targetRef, depth + 1);
  };
  for (const ref of recoveryStart(entity)) visit(ref, 1);
}

/**
 * What an entity's recovery depends on: for a component, what it depends on (transitively,
 * two levels); for a system, its parts and what they depend on. `componentOf` reads a
 * dependency (by its ref) as a component; a caller may remember them.
 *
 * @internal
 */
export function dependenciesOf(
  entity: Entity,
  index: ReadonlyMap<string, Entity>,
  componentOf: (ref: string, target: Entity) => DrComponent | undefined = (
    _ref,
    target,
  ) => asDrComponent(target),
): DrComponent[] {
  const out: DrComponent[] = [];
  visitDependencies(entity, index, (ref, target) => {
    const component = target && componentOf(ref, target);
    if (component) out.push(component);
  });
  return out;
}

/** Every ref {@link dependenciesOf} looks at, found in `index` or not, in order. @internal */
export function dependencyRefs(
  entity: Entity,
  index: ReadonlyMap<string, Entity>,
): string[] {
  const out: string[] = [];
  visitDependencies(entity, index, ref => out.push(ref));
  return out;
}

/**
 * The refs an entity's context reaches one step away: where its recovery starts (parts of a
 * system, dependencies of anything else) and its system (whose domain it inherits).
 *
 * @internal
 */
export function neighbourRefs(entity: Entity): string[] {
  const refs = recoveryStart(entity);
  for (const r of entity.relations ?? [])
    if (r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'))
      refs.push(r.targetRef);
  return refs;
}

/** What an entity depends on (the second step of {@link dependenciesOf}). @internal */
export function dependsOnRefs(entity: Entity): string[] {
  return targets(entity, RELATION_DEPENDS_ON);
}

/** @internal */
export function kindOf(ref: string): string {
  return parseEntityRef(ref).kind;
}
