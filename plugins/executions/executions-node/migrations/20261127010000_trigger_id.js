// @ts-check

/**
 * The trigger that started a run, so that a workflow's Triggers tab finds
 * the newest run of each schedule and webhook trigger without reading the
 * `trigger` JSON of every run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('executions', table => {
    table
      .string('trigger_id', 64)
      .nullable()
      .comment('trigger.triggerId of schedule and webhook runs, else null');
    table.index(['trigger_id', 'queued_at'], 'executions_trigger_id_idx');
  });

  // Existing schedule and webhook runs: the trigger id from their JSON
  // column, in batches so that a large table does not load at once.
  const batch = 500;
  let after = '';
  for (;;) {
    const rows = await knex('executions')
      .select('id', 'trigger')
      .whereIn('trigger_type', ['schedule', 'webhook'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      const trigger = parse(row.trigger);
      const triggerId = trigger?.triggerId;
      if (
        (trigger?.type === 'schedule' || trigger?.type === 'webhook') &&
        typeof triggerId === 'string' &&
        triggerId.length > 0 &&
        triggerId.length <= 64
      ) {
        await knex('executions')
          .where({ id: row.id })
          .update({ trigger_id: triggerId });
      }
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
  await knex.schema.alterTable('executions', table => {
    table.dropIndex(['trigger_id', 'queued_at'], 'executions_trigger_id_idx');
    table.dropColumn('trigger_id');
  });
};
