import { ConfigReader } from '@backstage/config';
import { readComplianceConfig } from './config';

describe('readComplianceConfig', () => {
  it('has working defaults for an empty configuration', () => {
    expect(readComplianceConfig(new ConfigReader({}))).toEqual({
      techLeadGroups: ['group:default/tech-leads'],
      evaluation: { shards: 1, schedule: undefined },
      templates: {
        schedule: {
          frequency: { minutes: 1 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 20 },
        },
      },
      iac: { allowedRoots: [], maxBytes: undefined },
      notifications: {
        regressions: true,
        expiringWaivers: true,
        waiverRequests: true,
        waiverWarningSeconds: 7 * 86400,
      },
    });
  });

  it('reads every key it documents', () => {
    const read = readComplianceConfig(
      new ConfigReader({
        compliance: {
          techLeadGroups: ['Platform/Leads'],
          evaluation: {
            shards: 4,
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 3 } },
          },
          templates: {
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 20 } },
          },
          iac: { allowedRoots: ['catalog'], maxBytes: 1024 },
          notifications: {
            regressions: false,
            expiringWaivers: false,
            waiverRequests: false,
            waiverWarning: '36h',
          },
        },
      }),
    );
    expect(read).toEqual({
      techLeadGroups: ['group:platform/leads'],
      evaluation: {
        shards: 4,
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 3 } },
      },
      templates: {
        schedule: { frequency: { hours: 1 }, timeout: { minutes: 20 } },
      },
      iac: { allowedRoots: ['catalog'], maxBytes: 1024 },
      notifications: {
        regressions: false,
        expiringWaivers: false,
        waiverRequests: false,
        waiverWarningSeconds: 36 * 3600,
      },
    });
  });

  it.each([
    [
      { evaluation: { shards: 0 } },
      'compliance.evaluation.shards must be a whole number of at least 1, got 0',
    ],
    [
      { evaluation: { shards: 1.5 } },
      'compliance.evaluation.shards must be a whole number of at least 1, got 1.5',
    ],
    [
      { notifications: { waiverWarning: 'a week' } },
      'compliance.notifications.waiverWarning must be a duration such as 7d or 36h, got "a week"',
    ],
    [
      { techLeadGroups: ['user:default/jane'] },
      'compliance.techLeadGroups[0]: "user:default/jane" must name a Group, not a user',
    ],
  ])('refuses %j, naming the key', (compliance, message) => {
    expect(() =>
      readComplianceConfig(new ConfigReader({ compliance })),
    ).toThrow(message);
  });
});
