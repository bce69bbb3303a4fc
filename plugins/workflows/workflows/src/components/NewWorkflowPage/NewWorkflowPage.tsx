import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Link from '@material-ui/core/Link';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { identityApiRef, RouterLink } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { workflowCreatePermission } from '@ai-ops/plugin-workflows-common';
import { blankWorkflow } from '../../lib/model';
import { useWorkflowsPaths } from '../../lib/paths';
import { Banner } from '../Banner';
import { WorkflowEditor } from '../WorkflowEditor';

/**
 * The editor of a new workflow, owned by the signed-in user until another
 * owner is chosen.
 */
export const NewWorkflowPage = () => {
  const identityApi = useApi(identityApiRef);
  const paths = useWorkflowsPaths();
  const canCreate = usePermission({ permission: workflowCreatePermission });
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const owner = identity.value?.userEntityRef;
  const document = useMemo(
    () => (owner !== undefined ? blankWorkflow(owner) : undefined),
    [owner],
  );

  let body;
  if (identity.loading || canCreate.loading) {
    body = <Progress />;
  } else if (identity.error) {
    body = <ResponseErrorPanel error={identity.error} />;
  } else if (!canCreate.allowed) {
    body = <Banner severity="info">You may not create workflows.</Banner>;
  } else {
    body = <WorkflowEditor newDocument={document} readOnly={false} />;
  }

  return (
    <Content>
      <Link component={RouterLink} href={paths.list()}>
        ← Workflows
      </Link>
      <ContentHeader
        title="New workflow"
        description="Add steps from the palette, connect them, then save the first version."
      />
      {body}
    </Content>
  );
};
