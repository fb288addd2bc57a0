import { mockServices } from '@backstage/backend-test-utils';
import { WaiverRecord } from '../store/types';
import { WaiverRequestNotifier } from './WaiverRequestNotifier';

const waiver = (justification: string): WaiverRecord => ({
  id: 'w-1',
  entityRef: 'component:default/api',
  controlId: 'DR-01',
  justification,
  expiresAt: '2031-02-03T00:00:00.000Z',
  status: 'pending',
  requestedBy: 'user:default/alice',
  requestedAt: '2030-12-01T10:00:00.000Z',
  expired: false,
});

describe('WaiverRequestNotifier', () => {
  const logger = mockServices.logger.mock();

  it('tells the tech-lead groups, not the requester, and quotes a long justification shortened', async () => {
    const send = jest.fn(async () => {});
    const notifier = WaiverRequestNotifier.create({
      notifications: { send },
      logger,
      techLeadGroups: ['group:default/tech-leads'],
    });
    await notifier.requested(waiver(`Drill booked. ${'x'.repeat(2000)}`));
    expect(send).toHaveBeenCalledTimes(1);
    const [{ recipients, payload }] = (send.mock.calls[0] as any[]) ?? [];
    expect(recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/tech-leads'],
      excludeEntityRef: 'user:default/alice',
    });
    expect(payload.title).toBe(
      'Waiver for DR-01 on component:default/api awaits a tech lead',
    );
    expect(payload.description).toContain('until 2031-02-03: "Drill booked.');
    expect(payload.description).toContain('…"');
    expect(payload.description.length).toBeLessThan(500);
    expect(payload.link).toBe('/compliance/waivers');
  });

  it('sends nothing when switched off or without tech-lead groups', async () => {
    const send = jest.fn(async () => {});
    await WaiverRequestNotifier.create({
      notifications: { send },
      logger,
      techLeadGroups: ['group:default/tech-leads'],
      enabled: false,
    }).requested(waiver('Drill booked for May'));
    await WaiverRequestNotifier.create({
      notifications: { send },
      logger,
      techLeadGroups: [],
    }).requested(waiver('Drill booked for May'));
    expect(send).not.toHaveBeenCalled();
  });

  it('logs a failed send instead of failing the request', async () => {
    const warn = jest.fn();
    const notifier = WaiverRequestNotifier.create({
      notifications: {
        send: async () => {
          throw new Error('notifications backend down');
        },
      },
      logger: { ...logger, warn },
      techLeadGroups: ['group:default/tech-leads'],
    });
    await expect(
      notifier.requested(waiver('Drill booked for May')),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend down'),
    );
  });
});
