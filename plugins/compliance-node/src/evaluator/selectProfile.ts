import {
  Cloud,
  Policy,
  Profile,
} from '@refarch/backstage-plugin-compliance-common';

/**
 * The profile an entity is assessed with: the one its `refarch.dev/profile` annotation
 * names, else the first whose match fits its kind, type, cloud (from its region) and
 * whether it has IaC.
 *
 * @public
 */
export function selectProfile(
  policy: Policy,
  entity: { kind: string; type?: string; cloud?: Cloud },
  hasIac: boolean,
  requested?: string,
): Profile | undefined {
  if (requested) return policy.profiles.find(p => p.id === requested);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return policy.profiles.find(
    ({ match }) =>
      (!match.kinds || match.kinds.includes(kind)) &&
      (!match.types ||
        (entity.type !== undefined && match.types.includes(entity.type))) &&
      (match.iac === undefined || match.iac === hasIac) &&
      (!match.clouds ||
        (entity.cloud !== undefined && match.clouds.includes(entity.cloud))),
  );
}
