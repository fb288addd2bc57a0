import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { storedControls } from '../__testUtils__/storedControls';

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@refarch/backstage-plugin-compliance-backend',
  'migrations',
);

/** The plugin's tables, read from the database itself. */
async function complianceTables(knex: import('knex').Knex): Promise<string[]> {
  const client = knex.client.config.client;
  const rows =
    client === 'pg'
      ? (
          await knex.raw(
            "select table_name as name from information_schema.tables where table_schema = current_schema() and table_name like 'compliance%'",
          )
        ).rows
      : await knex.raw(
          "select name from sqlite_master where type = 'table' and name like 'compliance%'",
        );
  return rows.map((r: { name: string }) => r.name).sort();
}

describe.each(databases.eachSupportedId())('migrations on %p', id => {
  it('go up to the latest and all the way down again, and up once more', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory });
    const [, pending] = await knex.migrate.list({ directory });
    expect(pending).toEqual([]);
    const tables = await complianceTables(knex);
    expect(tables).toEqual(
      expect.arrayContaining([
        'compliance_assessments',
        'compliance_evidence',
        'compliance_template_versions',
        'compliance_waiver_events',
        'compliance_waivers',
      ]),
    );

    // Every migration's down undoes its up: nothing of the plugin is left.
    await knex.migrate.rollback({ directory }, true);
    expect(await complianceTables(knex)).toEqual([]);

    await knex.migrate.latest({ directory });
    expect(await complianceTables(knex)).toEqual(tables);
  });

  it('moves the stored result rows into the assessments (issue 19) and back', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory });
    // Before 20261208000000_assessment_controls: results are rows of their own table.
    await knex.migrate.down({ directory });
    const assessment = (name: string) => ({
      entity_ref: `resource:default/${name}`,
      kind: 'resource',
      namespace: 'default',
      name,
      status: 'fail',
      dr_status: 'unknown',
      input_hash: `hash-${name}`,
      policy_version: '1',
      evaluated_at: new Date('2026-12-08T00:00:00Z'),
      body: '{}',
    });
    await knex('compliance_assessments').insert([
      assessment('orders-db'),
      assessment('no-results'),
    ]);
    await knex('compliance_results').insert([
      {
        entity_ref: 'resource:default/orders-db',
        control_id: 'MON-02',
        status: 'fail',
        severity: 'high',
      },
      {
        entity_ref: 'resource:default/orders-db',
        control_id: 'DR-01',
        status: 'pass',
        severity: 'critical',
      },
    ]);

    await knex.migrate.up({ directory });
    expect(await storedControls(knex, 'resource:default/orders-db')).toEqual([
      'DR-01=pass',
      'MON-02=fail',
    ]);
    expect(await storedControls(knex, 'resource:default/no-results')).toEqual(
      [],
    );
    expect(await complianceTables(knex)).not.toContain('compliance_results');

    // Down: the rows again (their severity was not kept), and those entities evaluated again.
    await knex.migrate.down({ directory });
    expect(
      await knex('compliance_results')
        .orderBy('control_id')
        .select('entity_ref', 'control_id', 'status', 'severity'),
    ).toEqual([
      {
        entity_ref: 'resource:default/orders-db',
        control_id: 'DR-01',
        status: 'pass',
        severity: 'low',
      },
      {
        entity_ref: 'resource:default/orders-db',
        control_id: 'MON-02',
        status: 'fail',
        severity: 'low',
      },
    ]);
    expect(
      await knex('compliance_assessments')
        .orderBy('entity_ref')
        .select('entity_ref', 'input_hash'),
    ).toEqual([
      {
        entity_ref: 'resource:default/no-results',
        input_hash: 'hash-no-results',
      },
      { entity_ref: 'resource:default/orders-db', input_hash: '' },
    ]);
    await knex.destroy();
  });
});
