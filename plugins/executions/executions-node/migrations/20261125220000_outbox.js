// @ts-check

/**
 * The transactional outbox of lifecycle events and the per-run event
 * sequence counter.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('executions', table => {
    table
      .integer('event_sequence')
      .notNullable()
      .defaultTo(0)
      .comment('Sequence of the last lifecycle event of the run');
  });

  await knex.schema.createTable('execution_outbox', table => {
    table.comment(
      'Lifecycle events written with the state change they describe, until the relay published them',
    );
    table.uuid('id').primary().comment('The CloudEvents id');
    table.string('execution_id', 64).notNullable();
    table
      .integer('sequence')
      .notNullable()
      .comment('Per run, from 1, contiguous');
    table.string('routing_key', 255).notNullable();
    table.text('payload').notNullable().comment('JSON CloudEvents envelope');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('published_at', { useTz: true }).nullable();
    table.unique(['execution_id', 'sequence'], {
      indexName: 'execution_outbox_execution_sequence_uq',
    });
    table.index(['published_at', 'created_at'], 'execution_outbox_pending_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('execution_outbox');
  await knex.schema.alterTable('executions', table => {
    table.dropColumn('event_sequence');
  });
};
