import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Where the plugin's knex migrations are. @internal */
export const migrationsDir = resolvePackagePath(
  '@refarch/backstage-plugin-compliance-backend',
  'migrations',
);

/**
 * Opens the plugin's database and brings its schema up to date.
 *
 * @internal
 */
export async function migrateComplianceDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  return knex;
}
