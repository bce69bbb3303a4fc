// @ts-check

/**
 * Secrets get an owner: the user or group (entity ref, lower case) whose
 * components may use the secret and who may change it. Existing secrets keep
 * no owner: they stay shared, usable by any component as before, and only a
 * manager without conditions (an admin) may change them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_component_secrets', table => {
    table
      .string('owner', 255)
      .nullable()
      .comment(
        'User or group entity ref whose components may use it; null: shared',
      );
    table.index(['owner'], 'ai_component_secrets_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_component_secrets', table => {
    table.dropIndex(['owner'], 'ai_component_secrets_owner_idx');
    table.dropColumn('owner');
  });
};
