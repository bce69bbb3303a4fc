import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { SelectInput, TextInput } from '../fields';

/** The filters of the list as typed. */
export interface ListFilterValues {
  owner: string;
  lifecycle: string;
  tag: string;
  label: string;
  source: string;
}

/** No filter set. */
export const NO_FILTERS: ListFilterValues = {
  owner: '',
  lifecycle: '',
  tag: '',
  label: '',
  source: '',
};

/** Props of {@link ListFilters}. */
export interface ListFiltersProps {
  value: ListFilterValues;
  onChange(value: ListFilterValues): void;
}

/** Filters of the workflow list: owner, lifecycle, tag, label and source. */
export const ListFilters = (props: ListFiltersProps) => {
  const { value, onChange } = props;
  const set = (key: keyof ListFilterValues) => (v: string) =>
    onChange({ ...value, [key]: v });
  const any = Object.values(value).some(v => v !== '');
  return (
    <Box component="section" aria-label="Filters">
      <TextInput
        label="Owner"
        value={value.owner}
        onChange={set('owner')}
        helperText="e.g. group:default/team-a; comma-separated"
      />
      <SelectInput
        label="Lifecycle"
        value={value.lifecycle}
        onChange={set('lifecycle')}
        options={[
          { value: '', label: 'Any' },
          { value: 'experimental', label: 'experimental' },
          { value: 'production', label: 'production' },
          { value: 'deprecated', label: 'deprecated' },
        ]}
      />
      <TextInput
        label="Tag"
        value={value.tag}
        onChange={set('tag')}
        helperText="Comma-separated"
      />
      <TextInput
        label="Label"
        value={value.label}
        onChange={set('label')}
        helperText="e.g. production"
      />
      <SelectInput
        label="Defined in"
        value={value.source}
        onChange={set('source')}
        options={[
          { value: '', label: 'Anywhere' },
          { value: 'console', label: 'The console' },
          { value: 'catalog', label: 'Git (catalog)' },
        ]}
      />
      <Button size="small" disabled={!any} onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </Button>
    </Box>
  );
};
