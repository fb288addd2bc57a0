import { SchedulerService } from '@backstage/backend-plugin-api';
import { ComplianceNotifier } from '../service/ComplianceNotifier';
import { AssessmentStore } from '../store/AssessmentStore';
import { WaiverStore } from '../store/WaiverStore';

/**
 * Tells the owners of an entity and the requester, once, that an approved waiver expires
 * within the warning period (`compliance.notifications.waiverWarning`). Runs hourly on one
 * replica.
 *
 * @internal
 */
export class WaiverExpiryJob {
  constructor(
    private readonly deps: {
      waivers: WaiverStore;
      assessments: AssessmentStore;
      notifier: ComplianceNotifier;
      warningSeconds: number;
    },
  ) {}

  async start(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'compliance-waiver-expiry',
      scope: 'global',
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
      fn: () => this.run(new Date()).then(() => undefined),
    });
  }

  /** One run as of `now`; returns the ids of the waivers whose expiry was announced. */
  async run(now: Date): Promise<string[]> {
    const { waivers, assessments, notifier, warningSeconds } = this.deps;
    const expiring = await waivers.expiringUnnotified(
      new Date(now.getTime() + warningSeconds * 1000),
      now,
    );
    if (!expiring.length) return [];
    const owners = new Map(
      (await assessments.getSummaries(expiring.map(w => w.entityRef))).map(
        s => [s.entityRef, s.owner],
      ),
    );
    const sent = await notifier.waiversExpiring(
      expiring.map(w => ({ ...w, owner: owners.get(w.entityRef) })),
    );
    await waivers.markExpiryNotified(sent);
    return sent;
  }
}
