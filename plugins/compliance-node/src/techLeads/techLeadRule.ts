import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readGroupRef } from '@refarch/backstage-plugin-compliance-common';

/** The portal-wide tech-lead group when `compliance.techLeadGroups` is not set. */
export const DEFAULT_TECH_LEAD_GROUP = 'group:default/tech-leads';

/**
 * The portal-wide tech-lead groups from `compliance.techLeadGroups`, normalised
 * (`group:<namespace>/<name>`, lower case). A bad entry stops the backend with an error
 * naming it: a misspelt security setting must not silently grant or deny.
 */
export function readTechLeadGroups(config: Config): string[] {
  const groups = config.getOptionalStringArray('compliance.techLeadGroups') ?? [
    DEFAULT_TECH_LEAD_GROUP,
  ];
  return [
    ...new Set(
      groups.map((g, i) => {
        const read = readGroupRef(g);
        if ('error' in read)
          throw new InputError(
            `compliance.techLeadGroups[${i}]: ${read.error}`,
          );
        return read.ref;
      }),
    ),
  ];
}

/**
 * Whether a user is a portal-wide tech lead: one of their ownership refs (their user ref and
 * their groups, as the sign-in resolver issued them) is a tech-lead group.
 */
export function isTechLead(
  ownershipEntityRefs: string[],
  techLeadGroups: string[],
): boolean {
  return ownershipEntityRefs.some(ref =>
    techLeadGroups.includes(ref.toLocaleLowerCase('en-US')),
  );
}

/**
 * Who approves what an owning group owns (its templates): the portal-wide tech-lead groups and
 * the group the owner names in `refarch.dev/tech-leads`. The annotation counts only when it is a
 * valid group reference — the catalog processor normalises a valid one, which is what the
 * permission policy matches, and reports a bad one on the group — so every approver named in a
 * message is one the policy grants.
 */
export function approversOf(
  techLeadGroups: string[],
  ownerTechLeads: string | undefined,
): string[] {
  const approvers = new Set(techLeadGroups);
  const read = ownerTechLeads ? readGroupRef(ownerTechLeads) : undefined;
  if (read && 'ref' in read) approvers.add(read.ref);
  return [...approvers];
}
