import { InputError, NotFoundError } from '@backstage/errors';
import {
  diffWorkflowDocuments,
  stringifyWorkflowYaml,
  workflowUpdatePermission,
} from '@ai-ops/plugin-workflows-common';
import { Workflow } from '../database/types';
import { actorOf } from './access';
import {
  diffToApi,
  labelsByVersion,
  versionSummaryToApi,
  versionToApi,
  workflowRef,
  workflowToApi,
} from './representation';
import { keyOf, RouteContext } from './routeContext';

/** Export, the versions of a workflow, restore and diff. */
export function addVersionRoutes(ctx: RouteContext) {
  const { router, store, access, validDocument } = ctx;

  /** A version of a readable workflow; 404 when it has no such version. */
  async function versionOf(workflow: Workflow, version: number) {
    const found = await store.getVersion(workflow, version);
    if (!found) {
      throw new NotFoundError(
        `'${workflowRef(workflow)}' has no version ${version}`,
      );
    }
    return found;
  }

  router.get('/workflows/:namespace/:name/export', async (req, res) => {
    const { workflow } = await access.readable(req, keyOf(req));
    const { version, label } = req.query;
    if (version !== undefined && label !== undefined) {
      throw new InputError('version: give either version or label, not both');
    }
    let number = version ?? workflow.latestVersion;
    if (label !== undefined) {
      if (workflow.labels[label] === undefined) {
        throw new NotFoundError(
          `'${workflowRef(workflow)}' has no label '${label}'`,
        );
      }
      number = workflow.labels[label];
    }
    const found = await versionOf(workflow, number);
    res
      .type('application/yaml')
      .send(found.sourceYaml ?? stringifyWorkflowYaml(found.document));
  });

  router.get('/workflows/:namespace/:name/versions', async (req, res) => {
    const key = keyOf(req);
    const { workflow } = await access.readable(req, key);
    const labels = labelsByVersion(workflow.labels);
    const versions = (await store.listVersions(key)) ?? [];
    res.json({
      items: versions.map(v =>
        versionSummaryToApi(v, labels.get(v.version) ?? []),
      ),
    });
  });

  router.get(
    '/workflows/:namespace/:name/versions/:version',
    async (req, res) => {
      const { workflow } = await access.readable(req, keyOf(req));
      // Express hands path parameters on as strings, whatever the contract says.
      const found = await versionOf(workflow, Number(req.params.version));
      res.json(
        versionToApi(
          found,
          labelsByVersion(workflow.labels).get(found.version) ?? [],
        ),
      );
    },
  );

  router.post(
    '/workflows/:namespace/:name/versions/:version/restore',
    async (req, res) => {
      const key = keyOf(req);
      const number = Number(req.params.version);
      const { credentials, workflow } = await access.changeable(
        req,
        key,
        workflowUpdatePermission,
        'update',
        { readOnlyCatalog: true },
      );
      const old = await versionOf(workflow, number);
      // Components may have changed or gone since; today's registry decides.
      const document = await validDocument(
        { raw: old.document },
        credentials,
        key,
      );
      const result = await access.audited(
        req,
        'workflow-restore',
        {
          ref: workflowRef(key),
          restoredFrom: number,
          fromVersion: workflow.latestVersion,
        },
        () =>
          store.addVersion(
            key,
            {
              document,
              sourceYaml: old.sourceYaml,
              message: req.body?.message ?? `Restored version ${number}`,
              restoredFrom: number,
            },
            { actor: actorOf(credentials) },
          ),
      );
      res.json({
        workflow: workflowToApi(result.workflow),
        changed: result.changed,
      });
    },
  );

  router.get('/workflows/:namespace/:name/diff', async (req, res) => {
    const { workflow } = await access.readable(req, keyOf(req));
    const { from, to } = req.query;
    const [before, after] = await Promise.all([
      versionOf(workflow, from),
      versionOf(workflow, to),
    ]);
    res.json({
      from,
      to,
      ...diffToApi(diffWorkflowDocuments(before.document, after.document)),
    });
  });
}
