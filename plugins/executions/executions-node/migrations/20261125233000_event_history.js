// @ts-check

/**
 * The consumed history of lifecycle events: each event once, by id and by
 * (execution, sequence), whatever the broker delivered twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('execution_events', table => {
    table.comment(
      'Lifecycle events as consumed from the event bus, each stored once',
    );
    table.uuid('id').primary().comment('The CloudEvents id');
    table.string('execution_id', 64).notNullable().comment('The subject');
    table
      .integer('sequence')
      .notNullable()
      .comment('Per run, from 1, contiguous');
    table.string('type', 64).notNullable();
    table
      .timestamp('time', { useTz: true })
      .notNullable()
      .comment('When the state change was written');
    table.text('payload').notNullable().comment('JSON CloudEvents envelope');
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .comment('When the consumer stored it');
    table.unique(['execution_id', 'sequence'], {
      indexName: 'execution_events_execution_sequence_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('execution_events');
};
