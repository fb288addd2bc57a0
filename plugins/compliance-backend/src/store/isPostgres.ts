import { Knex } from 'knex';

/** The database is PostgreSQL (else SQLite, the embedded default). @internal */
export function isPostgres(knex: { client: Knex.Client }): boolean {
  return String(knex.client.config.client).startsWith('pg');
}
