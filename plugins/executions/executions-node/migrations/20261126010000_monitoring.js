// @ts-check

/**
 * What the monitoring screens filter and aggregate on: the trigger type and
 * budget of a run, whether it paused for its budget, pinned runs, logs and
 * evaluation scores of step attempts, and per-workflow retention.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('executions', table => {
    table
      .string('trigger_type', 16)
      .nullable()
      .comment(
        'trigger.type: manual, api, schedule, webhook, resume, rerun or parent',
      );
    table
      .double('budget_usd')
      .nullable()
      .comment("The version's spec.budget.maxCostUsd, when it has one");
    table
      .boolean('budget_paused')
      .notNullable()
      .defaultTo(false)
      .comment('The run paused (or stopped) for its budget at least once');
    table
      .boolean('pinned')
      .notNullable()
      .defaultTo(false)
      .comment('Never removed by the retention policy');
    table.index(['trigger_type', 'queued_at'], 'executions_trigger_type_idx');
    table.index(
      ['workflow_ref', 'queued_at'],
      'executions_workflow_queued_idx',
    );
    table.index(['finished_at'], 'executions_finished_at_idx');
  });

  await knex.schema.alterTable('step_attempts', table => {
    table
      .text('logs')
      .nullable()
      .comment('JSON array of { time, level, message } the worker logged');
    table
      .text('scores')
      .nullable()
      .comment('JSON array of { name, score, passed?, reason? } (0..1)');
    table.index(['component_ref', 'started_at'], 'step_attempts_component_idx');
    // Keyset pages of a run's attempts in start order.
    table.index(
      ['execution_id', 'started_at', 'step_id', 'iteration', 'attempt'],
      'step_attempts_execution_started_idx',
    );
  });

  await knex.schema.createTable('execution_retention', table => {
    table.comment(
      'Days finished runs of a workflow are kept, when not the default',
    );
    table
      .string('workflow_ref', 255)
      .primary()
      .comment('aiworkflow:<namespace>/<name>, lower-cased');
    table.integer('days').notNullable();
    table.string('updated_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  // Existing runs: trigger type and budget from their JSON columns, in
  // batches so that a large table does not load at once.
  const batch = 500;
  let after = '';
  for (;;) {
    const rows = await knex('executions')
      .select('id', 'trigger', 'snapshot', 'pending_approval', 'error')
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      const trigger = parse(row.trigger);
      const snapshot = parse(row.snapshot);
      const pending = parse(row.pending_approval);
      const error = parse(row.error);
      const budget = snapshot?.document?.spec?.budget?.maxCostUsd;
      await knex('executions')
        .where({ id: row.id })
        .update({
          trigger_type: typeof trigger?.type === 'string' ? trigger.type : null,
          budget_usd: typeof budget === 'number' ? budget : null,
          budget_paused:
            pending?.kind === 'budget' || error?.code === 'BudgetExceeded',
        });
    }
    after = rows[rows.length - 1].id;
  }
};

/** @param {string | null} text */
function parse(text) {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('execution_retention');
  await knex.schema.alterTable('step_attempts', table => {
    table.dropIndex(
      ['component_ref', 'started_at'],
      'step_attempts_component_idx',
    );
    table.dropIndex(
      ['execution_id', 'started_at', 'step_id', 'iteration', 'attempt'],
      'step_attempts_execution_started_idx',
    );
    table.dropColumn('logs');
    table.dropColumn('scores');
  });
  await knex.schema.alterTable('executions', table => {
    table.dropIndex(
      ['trigger_type', 'queued_at'],
      'executions_trigger_type_idx',
    );
    table.dropIndex(
      ['workflow_ref', 'queued_at'],
      'executions_workflow_queued_idx',
    );
    table.dropIndex(['finished_at'], 'executions_finished_at_idx');
    table.dropColumn('trigger_type');
    table.dropColumn('budget_usd');
    table.dropColumn('budget_paused');
    table.dropColumn('pinned');
  });
};
