import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import path from 'path';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { loadCatalogFiles } from './loadCatalogFiles';

jest.setTimeout(60_000);

const catalogDir = path.resolve(__dirname, '../../../catalog');

describe('the five documented architectures', () => {
  const entities = loadCatalogFiles(catalogDir);
  let app: any;
  let stop: () => Promise<void>;
  const results = new Map<string, any>();

  beforeAll(async () => {
    const scheduler = mockServices.scheduler();
    const backend = await startTestBackend({
      features: [
        compliancePlugin,
        catalogServiceMock.factory({ entities }),
        (scheduler as any).factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: { compliance: { iac: { allowedRoots: [catalogDir] } } },
        }),
      ],
    });
    app = backend.server;
    stop = () => backend.stop();
    await scheduler.triggerTask('compliance-evaluate');
  });
  afterAll(() => stop());

  const assessment = async (ref: string) => {
    if (!results.has(ref)) {
      const [kind, rest] = ref.split(':');
      const res = await request(app).get(
        `/api/compliance/v1/entities/${kind}/${rest}/assessment`,
      );
      expect(res.status).toBe(200);
      results.set(ref, res.body);
    }
    return results.get(ref);
  };
  const result = async (ref: string, control: string) =>
    (await assessment(ref)).results.find((r: any) => r.controlId === control);

  it('assesses every component, resource and system', async () => {
    const assessed = entities.filter(e =>
      ['Component', 'Resource', 'System'].includes(e.kind),
    );
    const list = await request(app).get(
      '/api/compliance/v1/assessments?limit=500',
    );
    expect(list.body.totalCount).toBe(assessed.length);
    expect(list.body.items.filter((i: any) => i.status === 'error')).toEqual(
      [],
    );
  });

  it('matches what the documents say', async () => {
    // [000] sends every alert to Slack: the paging control fails, naming the channel.
    expect(
      await result('resource:default/dta-wide-alerting', 'MON-02'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('chat'),
    });
    // [004] pages through PagerDuty.
    expect(
      await result('resource:default/medtech-pagerduty', 'MON-02'),
    ).toMatchObject({ status: 'pass' });
    // [000] keeps Cloud SQL backups 30 days, [004] 35: the 35-day reference fails the first only.
    expect(
      await result('resource:default/dta-wide-cloud-sql', 'DR-02'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('30d'),
    });
    expect(
      await result('resource:default/medtech-rds-postgres', 'DR-02'),
    ).toMatchObject({ status: 'pass' });
    // [000] Memorystore and Firestore use Google-managed keys: the CMK controls fail.
    expect(
      await result('resource:default/dta-wide-memorystore-redis', 'ENC-05'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('provider-managed'),
    });
    // [001] keeps customer data in us-east-1; the EU-only residency for personal data fails there.
    expect(
      await result('resource:default/techcorp-customer-data', 'NET-08'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('us-east-1'),
    });
    // [000] runs in europe-west3: allowed for health data.
    expect(
      await result('component:default/dta-wide-api', 'NET-08'),
    ).toMatchObject({ status: 'pass' });
    // [000] Cloud Armor's IP allowlist is "TODO: verification needed": never a pass.
    const armor = await assessment('resource:default/dta-wide-cloud-armor');
    expect(
      armor.results.filter(
        (r: any) =>
          r.status === 'pass' && r.facts.some((f: any) => f.unverified),
      ),
    ).toEqual([]);
    expect(
      armor.results.find((r: any) => r.controlId === 'NET-04'),
    ).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining('verification needed'),
    });
  });

  it('estimates DR from the documented configuration', async () => {
    // [002] data corruption: continuous WAL + PITR meets its 15-minute RPO…
    const set = await assessment('resource:default/set-platform-rds-postgres');
    const software = set.dr.disruptions.find(
      (d: any) => d.disruption === 'software',
    );
    expect(software).toMatchObject({ status: 'met', achievable: { rpo: 300 } });
    // …and Multi-AZ meets the 1-hour AZ RTO…
    expect(
      set.dr.disruptions.find((d: any) => d.disruption === 'az'),
    ).toMatchObject({ status: 'met', achievable: { rpo: 0, rto: 120 } });
    // …but cross-region backup copies (daily unless documented otherwise) cannot hold 15 minutes of data in a region disruption.
    expect(
      set.dr.disruptions.find((d: any) => d.disruption === 'region'),
    ).toMatchObject({ status: 'breached' });
    // [001] TechCorp: daily backups without PITR give a data-corruption RPO of a day, breaching the critical tier.
    const techcorp = await assessment('resource:default/techcorp-rds-postgres');
    expect(
      techcorp.dr.disruptions.find((d: any) => d.disruption === 'software'),
    ).toMatchObject({ status: 'breached', achievable: { rpo: 86400 } });
    // No drill or restore test has been recorded for any database yet: at risk or worse, with the reason.
    expect(
      set.dr.evidence.find((e: any) => e.kind === 'dr-drill'),
    ).toMatchObject({ status: 'missing' });
  });
});
