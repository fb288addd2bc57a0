import type { TemplateReviewSummary } from '@refarch/backstage-plugin-compliance-common';

/** What a person about to use a template is told when its version may not run. @internal */
export interface TemplateGateMessage {
  state: 'pending' | 'rejected' | 'unreviewed';
  /** One sentence: what happens and why. */
  text: string;
  /** Who can approve: the tech-lead groups of the template. */
  approvers: string[];
  /** `/compliance/templates/<namespace>/<name>`. */
  reviewPath: string;
}

/** `template:ns/name` → `ns/name`, the review page's path below the compliance page. */
export function reviewPathOf(templateRef: string, root: string): string {
  const [, namespace = 'default', name = ''] =
    /^(?:template:)?(?:([^/]+)\/)?(.+)$/i.exec(templateRef) ?? [];
  return `${root.replace(/\/$/, '')}/templates/${namespace}/${name}`;
}

/**
 * The gate's message for a template's review state; undefined when its current version is
 * approved (it runs), or when the state is not known yet (the scaffolder's guard still decides
 * at Create). Version hashes are shown as they are.
 *
 * @internal
 */
export function templateGateMessage(
  summary: TemplateReviewSummary | undefined,
  root: string,
): TemplateGateMessage | undefined {
  if (!summary || summary.currentState === 'approved') return undefined;
  const version = summary.currentVersion;
  if (!version) return undefined;
  const approvers = summary.approvers ?? [];
  const reviewPath = reviewPathOf(summary.templateRef, root);
  const latest = summary.latestApproved
    ? ` The approved version ${summary.latestApproved.version} is no longer the template's content.`
    : '';
  if (summary.currentState === 'rejected')
    return {
      state: 'rejected',
      text: `Version ${version} of this template was rejected by a tech lead: it cannot be used until a changed version is approved.${latest}`,
      approvers,
      reviewPath,
    };
  return {
    state: summary.currentState === 'pending' ? 'pending' : 'unreviewed',
    text: `Version ${version} of this template awaits a tech lead's review: it cannot be used until it is approved.${latest}`,
    approvers,
    reviewPath,
  };
}

/** The same message as one line of text, for the form's validation error. @internal */
export function templateGateError(message: TemplateGateMessage): string {
  const who = message.approvers.length
    ? `members of ${message.approvers.join(' or ')}`
    : 'a tech lead';
  return `${message.text} Ask ${who} to approve it at ${message.reviewPath}.`;
}
