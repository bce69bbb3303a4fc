import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import type { AiComponentSummary } from '@ai-ops/plugin-ai-components-common';

/**
 * The browser address of a catalog source location such as
 * `url:https://github.com/org/repo/blob/main/catalog-info.yaml`; undefined
 * for locations a browser cannot open (e.g. `file:` ones).
 *
 * @public
 */
export function sourceHref(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const target = location.replace(/^url:/, '');
  return /^https?:\/\//.test(target) ? target : undefined;
}

/**
 * Props of {@link SourceBadge}.
 *
 * @public
 */
export interface SourceBadgeProps {
  component: Pick<AiComponentSummary, 'readOnly' | 'sourceLocation'>;
  /** Also show where the component is defined. */
  showLocation?: boolean;
}

/**
 * "Managed in Git" for components defined in a catalog-info.yaml file
 * (linked to the file when it has a web address); nothing for components
 * managed in the console.
 *
 * @public
 */
export const SourceBadge = (props: SourceBadgeProps) => {
  const { component, showLocation } = props;
  if (!component.readOnly) return null;
  const href = sourceHref(component.sourceLocation);
  const label = 'Managed in Git';
  const chip = href ? (
    <Chip
      size="small"
      color="info"
      variant="outlined"
      label={label}
      component="a"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      clickable
    />
  ) : (
    <Chip size="small" color="info" variant="outlined" label={label} />
  );
  if (!showLocation || !component.sourceLocation) return chip;
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
      {chip}
      {href ? (
        <Link href={href} target="_blank" rel="noopener noreferrer">
          {component.sourceLocation}
        </Link>
      ) : (
        <span>{component.sourceLocation}</span>
      )}
    </Stack>
  );
};
