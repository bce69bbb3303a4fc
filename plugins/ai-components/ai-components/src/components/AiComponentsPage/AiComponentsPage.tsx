import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { AI_COMPONENT_KIND } from '@ai-ops/plugin-ai-components-common';
import useAsync from 'react-use/esm/useAsync';

const KIND = AI_COMPONENT_KIND;

/**
 * Lists the `AIComponent` entities the catalog holds, from `catalog-info.yaml`
 * files and from the console alike.
 *
 * @public
 */
export const AiComponentsPage = () => {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: { kind: KIND },
          order: { field: 'metadata.name', order: 'asc' },
        })
      ).items,
    [catalogApi],
  );

  const columns: TableColumn<Entity>[] = [
    {
      title: 'Name',
      field: 'metadata.name',
      render: entity => <EntityRefLink entityRef={entity} />,
    },
    { title: 'Type', field: 'spec.type' },
    { title: 'Owner', field: 'spec.owner' },
    { title: 'Lifecycle', field: 'spec.lifecycle' },
    { title: 'Description', field: 'metadata.description' },
  ];

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    content = (
      <Table<Entity>
        title={`${value?.length ?? 0} AI components in the catalog`}
        options={{ paging: false, search: true, padding: 'dense' }}
        columns={columns}
        data={(value ?? []).map(e => ({ ...e, id: stringifyEntityRef(e) }))}
      />
    );
  }

  return (
    <Content>
      <ContentHeader
        title="AIComponent entities"
        description="The registry of models, prompts, tools, agents, datasets and evaluators your teams run."
      />
      {content}
    </Content>
  );
};
