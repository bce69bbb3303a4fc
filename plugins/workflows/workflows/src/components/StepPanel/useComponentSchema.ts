import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { componentRegistryApiRef } from '../../api';
import type { MappingSchema } from '../fields';

/**
 * The input schema of the component a step runs, from the registry; none
 * while loading, for refs that do not parse, or when the registry does not
 * know the component (the validator reports that).
 */
export function useComponentSchema(ref: string | undefined): {
  schema?: MappingSchema;
  loading: boolean;
  error?: Error;
} {
  const registry = useApi(componentRegistryApiRef);
  const { value, loading, error } = useAsync(async () => {
    if (!ref) return undefined;
    let key;
    try {
      key = parseEntityRef(ref, { defaultKind: 'aicomponent' });
    } catch {
      return undefined;
    }
    const component = await registry.getComponent({
      namespace: key.namespace,
      name: key.name,
    });
    return component.spec.inputSchema as MappingSchema | undefined;
  }, [registry, ref]);
  return { schema: value, loading, error };
}
