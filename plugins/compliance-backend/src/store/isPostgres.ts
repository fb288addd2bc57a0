import { Knex } from 'knex';

/** The database is PostgreSQL (else SQLite, the embedded default). @internal */
export function isPostgres(knex: Knex | Knex.Transaction): boolean {
  return String(knex.client.config.client).startsWith('pg');
}
