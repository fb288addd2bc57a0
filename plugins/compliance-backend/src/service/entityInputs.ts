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

const targets = (entity: Entity, type: string) =>
  (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);

/** @internal */
export function metaOf(
  entity: Entity,
  index: ReadonlyMap<string, Entity>,
): AssessedEntityMeta {
  const system = targets(entity, RELATION_PART_OF).find(r =>
    r.startsWith('system:'),
  );
  const domain =
    targets(entity, RELATION_PART_OF).find(r => r.startsWith('domain:')) ??
    (system
      ? targets(index.get(system) ?? ({} as Entity), RELATION_PART_OF).find(r =>
          r.startsWith('domain:'),
        )
      : undefined);
  return {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    type: typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
    owner: targets(entity, RELATION_OWNED_BY)[0],
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
    for (const next of targets(target, RELATION_DEPENDS_ON))
      visit(next, depth + 1);
  };
  const start =
    entity.kind.toLocaleLowerCase('en-US') === 'system'
      ? targets(entity, RELATION_HAS_PART)
      : targets(entity, RELATION_DEPENDS_ON);
  for (const ref of start) visit(ref, 1);
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
  const start =
    entity.kind.toLocaleLowerCase('en-US') === 'system'
      ? targets(entity, RELATION_HAS_PART)
      : targets(entity, RELATION_DEPENDS_ON);
  const system = targets(entity, RELATION_PART_OF).filter(r =>
    r.startsWith('system:'),
  );
  return [...start, ...system];
}

/** What an entity depends on (the second step of {@link dependenciesOf}). @internal */
export function dependsOnRefs(entity: Entity): string[] {
  return targets(entity, RELATION_DEPENDS_ON);
}

/** @internal */
export function kindOf(ref: string): string {
  return parseEntityRef(ref).kind;
}
