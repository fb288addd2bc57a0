import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDir } from '../store/migrateComplianceDatabase';

/**
 * The databases the backend's tests run on: SQLite always, PostgreSQL 15 as well where a
 * connection string is given (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) or in CI.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids:
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
      process.env.CI
        ? ['SQLITE_3', 'POSTGRES_15']
        : ['SQLITE_3'],
    disableDocker: true,
  });
}

/** A fresh database of the given kind with the plugin's schema at the latest migration. */
export async function migratedDatabase(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(id);
  await knex.migrate.latest({ directory: migrationsDir });
  return knex;
}
