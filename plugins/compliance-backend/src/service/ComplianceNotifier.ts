import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ASSESSMENT_STATUS_ORDER,
  DR_STATUS_ORDER,
} from '@refarch/backstage-plugin-compliance-common';
import { StatusChange, WaiverRecord } from '../store/types';

/** Whether a change made things worse (a new entity is not a regression). @internal */
export function isRegression(change: StatusChange): boolean {
  if (!change.previous) return false;
  // Worse means earlier in the one status order of compliance-common; becoming applicable
  // and passing (not-applicable → pass) is not a regression.
  const worse = (order: readonly string[], next: string, previous: string) =>
    next !== 'pass' &&
    next !== 'met' &&
    order.indexOf(next) >= 0 &&
    (order.indexOf(previous) < 0 ||
      order.indexOf(next) < order.indexOf(previous));
  return (
    worse(
      ASSESSMENT_STATUS_ORDER,
      change.next.status,
      change.previous.status,
    ) || worse(DR_STATUS_ORDER, change.next.drStatus, change.previous.drStatus)
  );
}

/**
 * Tells owners when their entity gets worse and before their waivers expire, through the
 * notifications backend.
 *
 * @public
 */
export class ComplianceNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
    private readonly options: {
      regressions: boolean;
      expiringWaivers: boolean;
    },
  ) {}

  async statusChanged(changes: StatusChange[]): Promise<void> {
    if (!this.notifications || !this.options.regressions) return;
    for (const change of changes.filter(isRegression)) {
      if (!change.owner) continue;
      const [kind, rest] = change.entityRef.split(':');
      const [namespace, name] = rest.split('/');
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: change.owner },
        payload: {
          title: `${change.entityRef} got worse: ${change.previous!.status} → ${
            change.next.status
          }, DR ${change.previous!.drStatus} → ${change.next.drStatus}`,
          description:
            'Open the Compliance tab of the entity to see which controls changed and why.',
          link: `/catalog/${namespace}/${kind}/${name}/compliance`,
          severity:
            change.next.status === 'fail' || change.next.drStatus === 'breached'
              ? 'high'
              : 'normal',
          topic: 'compliance-regression',
          scope: `compliance:${change.entityRef}`,
        },
      });
    }
  }

  async waiversExpiring(
    waivers: Array<WaiverRecord & { owner?: string }>,
  ): Promise<string[]> {
    if (!this.notifications || !this.options.expiringWaivers) return [];
    const sent: string[] = [];
    for (const w of waivers) {
      const recipients = [w.owner, w.requestedBy].filter(
        (r): r is string => !!r,
      );
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: `Waiver for ${w.controlId} on ${
              w.entityRef
            } expires ${w.expiresAt.slice(0, 10)}`,
            description: `When it expires the control is assessed again. Justification: ${w.justification}`,
            severity: 'normal',
            topic: 'compliance-waiver-expiry',
            scope: `compliance-waiver:${w.id}`,
          },
        });
        sent.push(w.id);
      } catch (e) {
        this.logger.warn(`Could not notify about waiver ${w.id}: ${String(e)}`);
      }
    }
    return sent;
  }
}
