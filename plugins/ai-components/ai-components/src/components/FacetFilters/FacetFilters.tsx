import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import type { AiComponentFacets } from '@ai-ops/plugin-ai-components-common';

/**
 * The facets the marketplace filters by, in the order they are shown.
 *
 * @public
 */
export const FACET_NAMES = ['type', 'owner', 'tag', 'lifecycle'] as const;

/**
 * One of {@link FACET_NAMES}.
 *
 * @public
 */
export type FacetName = (typeof FACET_NAMES)[number];

/**
 * The selected values of each facet.
 *
 * @public
 */
export type FacetSelection = Record<FacetName, string[]>;

const LABELS: Record<FacetName, string> = {
  type: 'Type',
  owner: 'Owner',
  tag: 'Tag',
  lifecycle: 'Lifecycle',
};

/**
 * Props of {@link FacetFilters}.
 *
 * @public
 */
export interface FacetFiltersProps {
  facets: AiComponentFacets;
  selected: FacetSelection;
  onChange(selected: FacetSelection): void;
}

/**
 * Checkbox lists of the values of each facet with their counts; several
 * values of one facet may be selected at once.
 *
 * @public
 */
export const FacetFilters = (props: FacetFiltersProps) => {
  const { facets, selected, onChange } = props;
  const anySelected = FACET_NAMES.some(name => selected[name].length > 0);

  const toggle = (name: FacetName, value: string, checked: boolean) => {
    const current = selected[name];
    onChange({
      ...selected,
      [name]: checked ? [...current, value] : current.filter(v => v !== value),
    });
  };

  return (
    <Box component="section" aria-label="Filters">
      {FACET_NAMES.map(name => {
        const values = facets[name] ?? [];
        // Selected values stay visible even when no component has them now.
        const shown = [
          ...values,
          ...selected[name]
            .filter(v => !values.some(f => f.value === v))
            .map(value => ({ value, count: 0 })),
        ];
        return (
          <FormControl
            key={name}
            component="fieldset"
            variant="standard"
            sx={{ mb: 2, display: 'block' }}
          >
            <FormLabel component="legend">{LABELS[name]}</FormLabel>
            {shown.length === 0 ? (
              <Box sx={{ typography: 'body2', color: 'text.secondary' }}>
                None yet
              </Box>
            ) : (
              <FormGroup>
                {shown.map(({ value, count }) => (
                  <FormControlLabel
                    key={value}
                    label={`${value} (${count})`}
                    control={
                      <Checkbox
                        size="small"
                        checked={selected[name].includes(value)}
                        onChange={e => toggle(name, value, e.target.checked)}
                        inputProps={{
                          'aria-label': `${LABELS[name]} ${value}`,
                        }}
                      />
                    }
                  />
                ))}
              </FormGroup>
            )}
          </FormControl>
        );
      })}
      <Button
        size="small"
        disabled={!anySelected}
        onClick={() =>
          onChange({ type: [], owner: [], tag: [], lifecycle: [] })
        }
      >
        Clear filters
      </Button>
    </Box>
  );
};
