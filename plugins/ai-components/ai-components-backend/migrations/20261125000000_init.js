// @ts-check

/**
 * Components, their immutable versions, and encrypted secrets.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_components', table => {
    table.comment('AI components of the registry, one row per component');
    table.uuid('id').primary();
    table.string('namespace', 63).notNullable();
    table.string('name', 63).notNullable();
    table.string('title', 200).nullable();
    table.text('description').nullable();
    table.string('type', 32).notNullable();
    table.string('owner', 255).notNullable().comment('Full entity ref');
    table.string('lifecycle', 63).notNullable();
    table.text('tags').notNullable().comment('JSON array of strings');
    table.string('system', 255).nullable();
    table
      .string('source', 16)
      .notNullable()
      .comment(
        'console: created here; catalog: mirrored from catalog-info.yaml',
      );
    table.text('source_location').nullable();
    table.string('runtime_type', 100).notNullable();
    table.integer('latest_revision').notNullable();
    table
      .string('version', 64)
      .notNullable()
      .comment('Label of the latest version');
    table.text('search_text').notNullable().comment('Lower-cased text for q');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).nullable();
    table.unique(['namespace', 'name']);
    table.index(['type']);
    table.index(['owner']);
    table.index(['lifecycle']);
    table.index(['updated_at']);
    table.index(['created_at']);
  });

  await knex.schema.createTable('ai_component_tags', table => {
    table.comment('Tags of components, for filtering and facets');
    table
      .uuid('component_id')
      .notNullable()
      .references('id')
      .inTable('ai_components')
      .onDelete('CASCADE');
    table.string('tag', 63).notNullable();
    table.primary(['component_id', 'tag']);
    table.index(['tag']);
  });

  await knex.schema.createTable('ai_component_versions', table => {
    table.comment('Immutable versions of components');
    table
      .uuid('component_id')
      .notNullable()
      .references('id')
      .inTable('ai_components')
      .onDelete('CASCADE');
    table.integer('revision').notNullable();
    table.string('version', 64).notNullable();
    table
      .text('spec')
      .notNullable()
      .comment('JSON: runtime, schemas, pricing, dependsOn');
    table.string('content_hash', 64).notNullable();
    table.text('change_note').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).nullable();
    table.primary(['component_id', 'revision']);
  });

  await knex.schema.createTable('ai_component_secrets', table => {
    table.comment(
      'Secrets referenced by runtime configs, AES-256-GCM encrypted',
    );
    table.string('name', 100).primary();
    table
      .string('key_id', 64)
      .notNullable()
      .comment('Which configured key encrypted it');
    table.string('iv', 32).notNullable();
    table.text('ciphertext').notNullable();
    table.string('auth_tag', 32).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_component_secrets');
  await knex.schema.dropTable('ai_component_versions');
  await knex.schema.dropTable('ai_component_tags');
  await knex.schema.dropTable('ai_components');
};
