import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { ComplianceNotifier } from '../service/ComplianceNotifier';
import { AssessmentStore } from '../store/AssessmentStore';
import { WaiverStore } from '../store/WaiverStore';
import { WaiverExpiryJob } from './WaiverExpiryJob';

const databases = createTestDatabases();

const NOW = new Date('2026-12-06T10:00:00.000Z');

describe.each(databases.eachSupportedId())('WaiverExpiryJob on %p', id => {
  let knex: Knex;
  let waivers: WaiverStore;
  let sent: Parameters<NotificationService['send']>[0][];
  let job: WaiverExpiryJob;

  beforeAll(async () => {
    knex = await migratedDatabase(databases, id);
    waivers = WaiverStore.create({ knex });
  });

  beforeEach(async () => {
    await knex('compliance_waiver_events').delete();
    await knex('compliance_waivers').delete();
    sent = [];
    const notifications: NotificationService = {
      send: async n => {
        sent.push(n);
      },
    };
    job = new WaiverExpiryJob({
      waivers,
      assessments: AssessmentStore.create({ knex }),
      notifier: new ComplianceNotifier(
        notifications,
        mockServices.logger.mock(),
        {
          regressions: true,
          expiringWaivers: true,
        },
      ),
      warningSeconds: 7 * 86400,
    });
  });

  async function approved(expiresAt: string) {
    const w = await waivers.request(
      {
        entityRef: 'component:default/orders',
        controlId: 'ENC-01',
        justification: 'Encryption lands with the Aurora migration',
        expiresAt,
        requestedBy: 'user:default/engineer',
      },
      NOW,
    );
    await waivers.decide(
      w.id,
      'pending',
      'approved',
      'user:default/lead',
      undefined,
      NOW,
    );
    return w.id;
  }

  it('announces a waiver expiring within the warning period once, to its requester', async () => {
    const soon = await approved('2026-12-10T00:00:00.000Z');
    await approved('2027-03-01T00:00:00.000Z');
    expect(await job.run(NOW)).toEqual([soon]);
    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['user:default/engineer'],
    });
    expect(sent[0].payload.title).toBe(
      'Waiver for ENC-01 on component:default/orders expires 2026-12-10',
    );
    // The next hourly run has nothing new to say.
    expect(await job.run(new Date(NOW.getTime() + 3600_000))).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('announces the later waiver when its warning period begins', async () => {
    const later = await approved('2027-03-01T00:00:00.000Z');
    expect(await job.run(NOW)).toEqual([]);
    expect(await job.run(new Date('2027-02-23T00:00:00.000Z'))).toEqual([
      later,
    ]);
  });

  it('keeps a waiver unannounced when the notification fails, to try again next run', async () => {
    const soon = await approved('2026-12-10T00:00:00.000Z');
    const failing = new WaiverExpiryJob({
      waivers,
      assessments: AssessmentStore.create({ knex }),
      notifier: new ComplianceNotifier(
        { send: async () => Promise.reject(new Error('notifications down')) },
        mockServices.logger.mock(),
        { regressions: true, expiringWaivers: true },
      ),
      warningSeconds: 7 * 86400,
    });
    expect(await failing.run(NOW)).toEqual([]);
    expect(await job.run(NOW)).toEqual([soon]);
  });
});
