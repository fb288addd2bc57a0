import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';

const reviewLink = (templateRef: string) => {
  const [, rest] = templateRef.split(':');
  const [namespace, name] = rest.split('/');
  return `/compliance/templates/${namespace}/${name}`;
};

/** Tells tech leads that a template version awaits review, and owners how it was decided. */
export class TemplateReviewNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  async awaitingReview(input: {
    templateRef: string;
    version: string;
    approvers: string[];
    lastEditor?: string;
  }) {
    await this.send(input.approvers, {
      title: `Template ${input.templateRef} version ${input.version} awaits review`,
      description: `It cannot run until a tech lead approves it${
        input.lastEditor
          ? ` (last changed by ${input.lastEditor}, who may not approve it)`
          : ''
      }. Review the diff and the conformance report.`,
      link: reviewLink(input.templateRef),
      severity: 'high',
      topic: 'template-review',
      scope: `template-review:${input.templateRef}`,
    });
  }

  async decided(input: {
    templateRef: string;
    version: string;
    owner?: string;
    decision: 'approved' | 'rejected';
    actor: string;
    comment?: string;
  }) {
    if (!input.owner) return;
    await this.send([input.owner], {
      title: `Template ${input.templateRef} version ${input.version} was ${input.decision} by ${input.actor}`,
      description:
        input.comment ??
        (input.decision === 'approved'
          ? 'Engineers can use this version now.'
          : 'It cannot run.'),
      link: reviewLink(input.templateRef),
      severity: input.decision === 'rejected' ? 'high' : 'normal',
      topic: 'template-review',
      scope: `template-decision:${input.templateRef}@${input.version}`,
    });
  }

  private async send(
    recipients: string[],
    payload: {
      title: string;
      description: string;
      link: string;
      severity: 'high' | 'normal';
      topic: string;
      scope: string;
    },
  ) {
    if (!this.notifications || !recipients.length) return;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload,
      });
    } catch (e) {
      // A notification failure never loses the review record.
      this.logger.warn(`Could not send "${payload.title}": ${String(e)}`);
    }
  }
}

export { reviewLink };
