// @ts-check

/**
 * Runs of workflows (executions) and the attempts of their steps.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('executions', table => {
    table.comment(
      'Runs of workflow versions; the id is the Temporal workflow id',
    );
    table.string('id', 64).primary();
    table
      .string('workflow_ref', 255)
      .notNullable()
      .comment('aiworkflow:<namespace>/<name>, lower-cased');
    table.integer('workflow_version').notNullable();
    table
      .string('workflow_label', 63)
      .nullable()
      .comment('The label the version was chosen by, if any');
    table
      .string('owner', 255)
      .notNullable()
      .comment('Owner of the workflow at start, lower-cased entity ref');
    table
      .string('status', 16)
      .notNullable()
      .comment('queued, running, paused, succeeded, failed or cancelled');
    table.text('input').notNullable().comment('JSON');
    table.text('output').nullable().comment('JSON');
    table.text('error').nullable().comment('JSON ExecutionError');
    table.text('trigger').notNullable().comment('JSON ExecutionTrigger');
    table
      .text('pending_approval')
      .nullable()
      .comment('JSON PendingApproval while the run waits for a decision');
    table
      .text('snapshot')
      .notNullable()
      .comment('JSON WorkflowSnapshot the run executes');
    table
      .text('completed')
      .nullable()
      .comment('JSON outputs of steps reused from an earlier run');
    table.double('cost_usd').notNullable().defaultTo(0);
    table.bigInteger('input_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table
      .string('parent_execution_id', 64)
      .nullable()
      .comment('The run this one resumes or re-runs, or its parent run');
    table.string('created_by', 255).nullable();
    table
      .string('idempotency_key', 255)
      .nullable()
      .comment('Idempotency-Key of the request that started the run');
    table.timestamp('queued_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.unique(['created_by', 'idempotency_key'], {
      indexName: 'executions_idempotency_key_uq',
    });
    table.index(['queued_at', 'id'], 'executions_queued_at_id_idx');
    table.index(['workflow_ref', 'status'], 'executions_workflow_status_idx');
    table.index(['status', 'queued_at'], 'executions_status_queued_at_idx');
    table.index(['parent_execution_id'], 'executions_parent_idx');
  });

  await knex.schema.createTable('step_attempts', table => {
    table.comment(
      'Attempts of steps (per forEach iteration); attempt 0 holds a state that is no attempt (skipped, waiting, decided)',
    );
    table
      .string('execution_id', 64)
      .notNullable()
      .references('id')
      .inTable('executions')
      .onDelete('CASCADE');
    table.string('step_id', 63).notNullable();
    table.integer('iteration').notNullable();
    table.integer('attempt').notNullable();
    table.string('status', 16).notNullable();
    table.string('component_ref', 255).nullable();
    table.text('input').nullable().comment('JSON');
    table.text('output').nullable().comment('JSON');
    table.text('error').nullable().comment('JSON ExecutionError');
    table.double('cost_usd').notNullable().defaultTo(0);
    table.bigInteger('input_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table.integer('latency_ms').nullable();
    table.string('model', 255).nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.primary(['execution_id', 'step_id', 'iteration', 'attempt']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('step_attempts');
  await knex.schema.dropTable('executions');
};
