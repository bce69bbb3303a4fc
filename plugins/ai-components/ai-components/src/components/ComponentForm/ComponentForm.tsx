import useAsync from 'react-use/esm/useAsync';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  aiComponentCreatePermission,
  aiComponentUpdatePermission,
  type AiComponentKey,
} from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef } from '../../api';
import { useAiComponentsPaths } from '../../lib/paths';
import { FormBody } from './FormBody';
import { emptyValues, valuesOf } from './formModel';

/**
 * Props of {@link ComponentForm}.
 *
 * @public
 */
export interface ComponentFormProps {
  /** The component to edit; a new one is registered when absent. */
  componentKey?: AiComponentKey;
}

/**
 * The form that registers a component, or with `componentKey` saves a new
 * version of one. Fields are checked with the API's own rules as the user
 * goes; a refusal of the server is shown with its message at the field it
 * names. Saving opens the component's page.
 *
 * @public
 */
export const ComponentForm = (props: ComponentFormProps) => {
  const { componentKey } = props;
  const api = useApi(aiComponentsApiRef);
  const identityApi = useApi(identityApiRef);
  const paths = useAiComponentsPaths();
  const canCreate = usePermission({ permission: aiComponentCreatePermission });
  const canUpdate = usePermission({
    permission: aiComponentUpdatePermission,
    resourceRef:
      componentKey &&
      `aicomponent:${componentKey.namespace}/${componentKey.name}`,
  });
  const permission = componentKey ? canUpdate : canCreate;

  const loaded = useAsync(async () => {
    const [existing, runtimes] = await Promise.all([
      componentKey ? api.getComponent(componentKey) : undefined,
      api.listRuntimes(),
    ]);
    const owner = existing
      ? undefined
      : await identityApi.getBackstageIdentity().then(
          i => i.userEntityRef,
          () => '',
        );
    return {
      existing,
      runtimes,
      initial: existing ? valuesOf(existing) : emptyValues(owner),
    };
  }, [api, identityApi, componentKey?.namespace, componentKey?.name]);

  const title = componentKey
    ? `Edit ${loaded.value?.existing?.title ?? componentKey.name}`
    : 'Register an AI component';

  let content;
  if (loaded.loading || permission.loading) {
    content = <Progress />;
  } else if (loaded.error || !loaded.value) {
    content = (
      <ResponseErrorPanel error={loaded.error ?? new Error('Nothing loaded')} />
    );
  } else if (!permission.allowed) {
    content = (
      <Alert severity="warning">
        {componentKey
          ? 'You may not edit this component.'
          : 'You may not register components.'}
      </Alert>
    );
  } else if (loaded.value.existing?.readOnly) {
    content = (
      <Alert severity="info">
        Managed in Git: change it in its catalog-info.yaml file
        {loaded.value.existing.sourceLocation
          ? ` (${loaded.value.existing.sourceLocation})`
          : ''}
        .
      </Alert>
    );
  } else {
    content = <FormBody {...loaded.value} />;
  }

  return (
    <Content>
      <ContentHeader
        title={title}
        description={
          componentKey
            ? 'Saving adds a new immutable version.'
            : 'Its first version is revision 1.'
        }
      >
        <Button
          component={RouterLink}
          href={
            componentKey ? paths.component(componentKey) : paths.marketplace()
          }
        >
          Back
        </Button>
      </ContentHeader>
      {content}
    </Content>
  );
};
