// @ts-check

/**
 * Webhook triggers authenticate with a secret of their own; only its sha256
 * (hex) is stored. Webhooks created before this migration have none and
 * accept nothing until their secret is rotated.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('workflow_triggers', table => {
    table
      .string('secret_hash', 64)
      .nullable()
      .comment('sha256 (hex) of the webhook secret; webhooks only');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('workflow_triggers', table => {
    table.dropColumn('secret_hash');
  });
};
