import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { TemplateFreshness } from '@refarch/backstage-plugin-compliance-common';
import { entityRefInput } from '../service/inputChecks';
import { reviewLink } from './TemplateReviewNotifier';
import {
  computeTemplateVersion,
  fetchedPaths,
  isFetched,
} from './templateVersion';

/**
 * The template and version of a dry run: the scaffolder sends the template (from the editor)
 * and its files; the version is computed from them as for a catalog template.
 */
export function dryRunVersion(input: {
  template?: Entity;
  directoryContents?: Array<{ path: string; base64Content: string }>;
}): { entity: Entity; version: string } {
  if (!input.template?.metadata?.name)
    throw new InputError('A dry-run check needs the template');
  const entity: Entity = {
    ...input.template,
    metadata: {
      ...input.template.metadata,
      namespace: input.template.metadata.namespace ?? 'default',
    },
  };
  const fetched = fetchedPaths(entity);
  const files = (input.directoryContents ?? [])
    .map(f => ({
      path: f.path.replace(/^\.\//, ''),
      content: Buffer.from(f.base64Content, 'base64'),
    }))
    .filter(f => isFetched(f.path, fetched));
  return { entity, version: computeTemplateVersion(entity, files).version };
}

/** Why a run is refused, and who can approve the version where. */
export function refusalMessage(options: {
  templateRef: string;
  version: string;
  state: string;
  dryRun: boolean;
  approvedVersion?: string;
  approvers: string[];
}): string {
  const { templateRef, version, state, dryRun, approvedVersion } = options;
  const approved = approvedVersion
    ? `The approved version is ${approvedVersion}, which is no longer the template's content.`
    : 'No version of it has been approved yet.';
  return `${templateRef} version ${version} is ${
    state === 'unknown' ? 'not reviewed' : state
  }; only approved template versions run${
    dryRun ? ' (tech leads may dry-run it)' : ''
  }. ${approved} Members of ${options.approvers.join(
    ', ',
  )} can approve it at ${reviewLink(templateRef)}.`;
}

/** Reads `template:[namespace/]name@version` (an entity's refarch.dev/template). */
export function parseTemplateStamp(stamp: string): {
  templateRef: string;
  version: string;
} {
  const at = stamp.lastIndexOf('@');
  if (at <= 0)
    throw new InputError(`"${stamp}" is not template:[namespace/]name@version`);
  const ref = entityRefInput(stamp.slice(0, at), 'stamp', {
    defaultKind: 'template',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'template')
    throw new InputError(
      `stamp "${stamp}" names a ${ref.kind}, not a template`,
    );
  const version = stamp.slice(at + 1);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(version))
    throw new InputError(
      `stamp "${stamp}": the version after @ is a template version, e.g. 0123456789abcdef`,
    );
  return { templateRef: stringifyEntityRef(ref), version };
}

/**
 * Whether a stamped version is the latest approved one: `current`; an older or never approved
 * version when another is approved: `outdated`; none approved: `unapproved`; a version the
 * portal never saw: `unknown`.
 */
export function freshnessOf(
  version: string,
  latestApproved: string | undefined,
  state: string | undefined,
): Pick<TemplateFreshness, 'state' | 'latestApproved'> {
  if (latestApproved === version) return { state: 'current', latestApproved };
  if (!state) return { state: 'unknown', latestApproved };
  return { state: latestApproved ? 'outdated' : 'unapproved', latestApproved };
}
