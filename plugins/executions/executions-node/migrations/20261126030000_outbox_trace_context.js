// @ts-check

/**
 * The trace context (W3C `traceparent`, `tracestate`) that was active when an
 * event was written: the relay publishes the event under it, so the RabbitMQ
 * message continues the trace of the request or activity that caused the
 * event, not the relay's own.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('execution_outbox', table => {
    table
      .text('trace_context')
      .nullable()
      .comment(
        'JSON of the W3C trace context headers active when the event was written',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('execution_outbox', table => {
    table.dropColumn('trace_context');
  });
};
