// @ts-check

/**
 * Indexes for keyset pagination (sort column + id) and, on PostgreSQL with
 * pg_trgm available, a trigram index for free-text search (`LIKE '%word%'`).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_components', table => {
    table.index(['name', 'id'], 'ai_components_name_id_idx');
    table.index(['updated_at', 'id'], 'ai_components_updated_at_id_idx');
    table.index(['created_at', 'id'], 'ai_components_created_at_id_idx');
  });
  if (knex.client.config.client === 'pg') {
    // Creating the extension needs a privilege a managed database may not
    // grant; search then works without the index, only slower.
    await knex.raw('SAVEPOINT ai_components_trgm');
    try {
      await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await knex.raw(
        'CREATE INDEX ai_components_search_trgm_idx ON ai_components USING gin (search_text gin_trgm_ops)',
      );
      await knex.raw('RELEASE SAVEPOINT ai_components_trgm');
    } catch {
      await knex.raw('ROLLBACK TO SAVEPOINT ai_components_trgm');
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP INDEX IF EXISTS ai_components_search_trgm_idx');
  }
  await knex.schema.alterTable('ai_components', table => {
    table.dropIndex(['name', 'id'], 'ai_components_name_id_idx');
    table.dropIndex(['updated_at', 'id'], 'ai_components_updated_at_id_idx');
    table.dropIndex(['created_at', 'id'], 'ai_components_created_at_id_idx');
  });
};
