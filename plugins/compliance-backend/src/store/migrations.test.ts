import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';

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
});
