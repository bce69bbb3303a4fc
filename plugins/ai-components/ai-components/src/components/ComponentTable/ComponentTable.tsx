import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AiComponentSummary } from '@ai-ops/plugin-ai-components-common';
import { useAiComponentsPaths } from '../../lib/paths';
import { SourceBadge } from '../SourceBadge';

const noWrap = { whiteSpace: 'nowrap' } as const;

/**
 * Props of {@link ComponentTable}.
 *
 * @public
 */
export interface ComponentTableProps {
  items: AiComponentSummary[];
  /** Accessible name of the table. */
  label: string;
}

/**
 * The components of a marketplace search: name and title (linked to the
 * component page), type, owner, lifecycle, tags, version and where it is
 * managed.
 *
 * @public
 */
export const ComponentTable = (props: ComponentTableProps) => {
  const { items, label } = props;
  const paths = useAiComponentsPaths();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ minWidth: 220 }}>Name</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Lifecycle</TableCell>
            <TableCell>Tags</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Source</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => (
            <TableRow key={item.ref} hover>
              <TableCell>
                <Link
                  component={RouterLink}
                  href={paths.component(item)}
                  underline="hover"
                  sx={{ fontWeight: 500 }}
                >
                  {item.title ?? item.name}
                </Link>
                <Typography
                  variant="caption"
                  display="block"
                  color="text.secondary"
                >
                  {item.namespace}/{item.name}
                </Typography>
                {item.description && (
                  <Typography variant="body2" color="text.secondary">
                    {item.description}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={noWrap}>{item.type}</TableCell>
              <TableCell>
                <Box sx={noWrap}>
                  <EntityRefLink entityRef={item.owner} defaultKind="group" />
                </Box>
              </TableCell>
              <TableCell sx={noWrap}>{item.lifecycle}</TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
                  {item.tags.map(tag => (
                    <Chip key={tag} size="small" label={tag} />
                  ))}
                </Stack>
              </TableCell>
              <TableCell sx={noWrap}>{item.version}</TableCell>
              <TableCell>
                {item.readOnly ? <SourceBadge component={item} /> : 'Console'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
