// @ts-check

/**
 * Workflows, their immutable versions, labels (with the history of their
 * moves), the components and tags of the newest version (for filtering), and
 * triggers.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('workflows', table => {
    table.comment(
      'Workflows, one row per workflow, denormalized from the newest version',
    );
    table.uuid('id').primary();
    table.string('namespace', 63).notNullable();
    table.string('name', 63).notNullable();
    table.string('title', 200).nullable();
    table.text('description').nullable();
    table
      .string('owner', 255)
      .notNullable()
      .comment('Full entity ref, lower-cased');
    table.string('lifecycle', 63).notNullable();
    table.string('system', 255).nullable();
    table.text('tags').notNullable().comment('JSON array of strings');
    table
      .string('source', 16)
      .notNullable()
      .comment(
        'console: created here; catalog: mirrored from catalog-info.yaml',
      );
    table.text('source_location').nullable();
    table.integer('latest_version').notNullable();
    table.integer('step_count').notNullable();
    table.text('search_text').notNullable().comment('Lower-cased text for q');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).nullable();
    table.unique(['namespace', 'name']);
    table.index(['owner'], 'workflows_owner_idx');
    table.index(['lifecycle'], 'workflows_lifecycle_idx');
    table.index(['source', 'id'], 'workflows_source_id_idx');
    table.index(['name', 'id'], 'workflows_name_id_idx');
    table.index(['updated_at', 'id'], 'workflows_updated_at_id_idx');
    table.index(['created_at', 'id'], 'workflows_created_at_id_idx');
  });

  await knex.schema.createTable('workflow_versions', table => {
    table.comment('Immutable versions of workflows');
    table
      .uuid('workflow_id')
      .notNullable()
      .references('id')
      .inTable('workflows')
      .onDelete('CASCADE');
    table.integer('version').notNullable();
    table.string('content_hash', 80).notNullable().comment('sha256:<hex>');
    table
      .text('document')
      .notNullable()
      .comment('JSON of the workflow document');
    table
      .text('source_yaml')
      .nullable()
      .comment('YAML text the version was imported from');
    table.text('message').nullable();
    table.integer('restored_from').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).nullable();
    table.primary(['workflow_id', 'version']);
  });

  await knex.schema.createTable('workflow_labels', table => {
    table.comment('Labels pointing at versions, e.g. production -> 3');
    table
      .uuid('workflow_id')
      .notNullable()
      .references('id')
      .inTable('workflows')
      .onDelete('CASCADE');
    table.string('label', 63).notNullable();
    table.integer('version').notNullable();
    table.primary(['workflow_id', 'label']);
    table.index(['label'], 'workflow_labels_label_idx');
  });

  await knex.schema.createTable('workflow_label_events', table => {
    table.comment('History of label moves');
    table.increments('id');
    table
      .uuid('workflow_id')
      .notNullable()
      .references('id')
      .inTable('workflows')
      .onDelete('CASCADE');
    table.string('label', 63).notNullable();
    table
      .integer('version')
      .nullable()
      .comment('Null when the label was removed');
    table.integer('previous_version').nullable();
    table.timestamp('moved_at', { useTz: true }).notNullable();
    table.string('moved_by', 255).nullable();
    table.index(['workflow_id', 'id'], 'workflow_label_events_workflow_idx');
  });

  await knex.schema.createTable('workflow_components', table => {
    table.comment('AIComponent refs the newest version of a workflow uses');
    table
      .uuid('workflow_id')
      .notNullable()
      .references('id')
      .inTable('workflows')
      .onDelete('CASCADE');
    table
      .string('component_ref', 255)
      .notNullable()
      .comment('Lower-cased entity ref');
    table.primary(['workflow_id', 'component_ref']);
    table.index(['component_ref'], 'workflow_components_ref_idx');
  });

  await knex.schema.createTable('workflow_tags', table => {
    table.comment('Tags of the newest version of a workflow, for filtering');
    table
      .uuid('workflow_id')
      .notNullable()
      .references('id')
      .inTable('workflows')
      .onDelete('CASCADE');
    table.string('tag', 63).notNullable();
    table.primary(['workflow_id', 'tag']);
    table.index(['tag'], 'workflow_tags_tag_idx');
  });

  await knex.schema.createTable('workflow_triggers', table => {
    table.comment('Schedules and webhooks that start runs of a workflow');
    table.uuid('id').primary();
    table
      .uuid('workflow_id')
      .notNullable()
      .references('id')
      .inTable('workflows')
      .onDelete('CASCADE');
    table.string('type', 16).notNullable().comment('schedule or webhook');
    table.string('cron', 255).nullable();
    table.string('timezone', 64).nullable();
    table.string('label', 63).nullable();
    table.integer('version').nullable();
    table.text('input').nullable().comment('JSON object');
    table.boolean('enabled').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['workflow_id'], 'workflow_triggers_workflow_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('workflow_triggers');
  await knex.schema.dropTable('workflow_tags');
  await knex.schema.dropTable('workflow_components');
  await knex.schema.dropTable('workflow_label_events');
  await knex.schema.dropTable('workflow_labels');
  await knex.schema.dropTable('workflow_versions');
  await knex.schema.dropTable('workflows');
};
