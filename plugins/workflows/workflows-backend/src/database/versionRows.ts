import { Knex } from 'knex';
import { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { componentRefsOf, contentHash, tagsOf } from './rows';
import { NewWorkflowVersion } from './types';

/** Writes one immutable version; the primary key refuses a taken number. */
export async function insertVersion(
  tx: Knex,
  workflowId: string,
  version: number,
  input: NewWorkflowVersion,
  now: Date,
  actor?: string,
): Promise<void> {
  await tx('workflow_versions').insert({
    workflow_id: workflowId,
    version,
    content_hash: contentHash(input.document),
    document: JSON.stringify(input.document),
    source_yaml: input.sourceYaml ?? null,
    message: input.message ?? null,
    restored_from: input.restoredFrom ?? null,
    created_at: now,
    created_by: actor ?? null,
  });
}

export async function hasVersion(
  db: Knex,
  workflowId: string,
  version: number,
): Promise<boolean> {
  const found = await db('workflow_versions')
    .select('version')
    .where({ workflow_id: workflowId, version })
    .first();
  return Boolean(found);
}

/**
 * The rows derived from the newest document, for filtering: its tags and the
 * AIComponent refs of its steps. With `replace`, those of the previous newest
 * document are deleted first.
 */
export async function writeDerivedRows(
  tx: Knex,
  workflowId: string,
  document: WorkflowDocument,
  options: { replace?: boolean } = {},
): Promise<void> {
  if (options.replace) {
    await tx('workflow_tags').where({ workflow_id: workflowId }).delete();
    await tx('workflow_components').where({ workflow_id: workflowId }).delete();
  }
  const tags = tagsOf(document);
  if (tags.length) {
    await tx('workflow_tags').insert(
      tags.map(tag => ({ workflow_id: workflowId, tag })),
    );
  }
  const refs = componentRefsOf(document);
  if (refs.length) {
    await tx('workflow_components').insert(
      refs.map(component_ref => ({ workflow_id: workflowId, component_ref })),
    );
  }
}
