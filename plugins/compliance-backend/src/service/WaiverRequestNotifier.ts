import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { WaiverRecord } from '../store/types';

/** The tech leads' queue page of the compliance frontend plugin. @internal */
export const WAIVER_QUEUE_LINK = '/compliance/waivers';

/** Long justifications are cut in the notification only; the queue shows them whole. */
const MAX_QUOTE = 300;

const quote = (text: string) =>
  text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;

/**
 * Tells the tech-lead groups (`compliance.techLeadGroups`) that a waiver awaits a decision,
 * with a link to their queue. Only those groups: the permission policy lets no one else
 * approve a waiver (an owner's `refarch.dev/tech-leads` group approves templates only). The
 * requester is left out: they may not decide their own request.
 *
 * @internal
 */
export class WaiverRequestNotifier {
  static create(options: {
    notifications?: NotificationService;
    logger: LoggerService;
    techLeadGroups: string[];
    /** `compliance.notifications.waiverRequests` (default true). */
    enabled?: boolean;
  }) {
    return new WaiverRequestNotifier(
      options.notifications,
      options.logger,
      options.techLeadGroups,
      options.enabled ?? true,
    );
  }

  private constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
    private readonly techLeadGroups: string[],
    private readonly enabled: boolean,
  ) {}

  /** Never throws: a lost notification must not lose the stored request. */
  async requested(waiver: WaiverRecord): Promise<void> {
    if (!this.notifications || !this.enabled || !this.techLeadGroups.length)
      return;
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: this.techLeadGroups,
          excludeEntityRef: waiver.requestedBy,
        },
        payload: {
          title: `Waiver for ${waiver.controlId} on ${waiver.entityRef} awaits a tech lead`,
          description: `${waiver.requestedBy} asks to waive ${
            waiver.controlId
          } until ${waiver.expiresAt.slice(0, 10)}: "${quote(
            waiver.justification,
          )}". Approve or reject it in the waiver queue; the requester may not decide it.`,
          link: WAIVER_QUEUE_LINK,
          severity: 'normal',
          topic: 'compliance-waiver-request',
          scope: `compliance-waiver-request:${waiver.id}`,
        },
      });
    } catch (e) {
      this.logger.warn(
        `Could not notify the tech leads about waiver ${waiver.id}: ${String(
          e,
        )}`,
      );
    }
  }
}
