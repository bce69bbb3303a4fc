import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { WorkflowSummaryDto } from '@ai-ops/plugin-workflows-common';
import { useWorkflowsPaths } from '../../lib/paths';

const noWrap = { whiteSpace: 'nowrap' } as const;

/** Labels with production first, then by name. */
const sortedLabels = (labels: Record<string, number>) => {
  const rank = (label: string) => (label === 'production' ? 0 : 1);
  return Object.entries(labels).sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b),
  );
};

/**
 * Workflows as a table: title and name (linked to the workflow), owner,
 * lifecycle, labels, newest version, step count and last update.
 */
export const WorkflowTable = (props: { items: WorkflowSummaryDto[] }) => {
  const paths = useWorkflowsPaths();
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Workflows">
        <TableHead>
          <TableRow>
            <TableCell style={{ minWidth: 220 }}>Name</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Lifecycle</TableCell>
            <TableCell>Labels</TableCell>
            <TableCell>Latest version</TableCell>
            <TableCell>Steps</TableCell>
            <TableCell>Updated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.items.map(item => (
            <TableRow key={item.ref} hover>
              <TableCell>
                <Link component={RouterLink} href={paths.workflow(item)}>
                  {item.title ?? item.name}
                </Link>
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {item.namespace}/{item.name}
                  {item.source === 'catalog' ? ' · defined in Git' : ''}
                </Typography>
              </TableCell>
              <TableCell style={noWrap}>
                <EntityRefLink entityRef={item.owner} defaultKind="group" />
              </TableCell>
              <TableCell style={noWrap}>{item.lifecycle}</TableCell>
              <TableCell>
                <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                  {sortedLabels(item.labels).map(([label, version]) => (
                    <Chip
                      key={label}
                      size="small"
                      color={label === 'production' ? 'primary' : 'default'}
                      label={`${label}: v${version}`}
                    />
                  ))}
                </Box>
              </TableCell>
              <TableCell style={noWrap}>v{item.latestVersion}</TableCell>
              <TableCell>{item.stepCount}</TableCell>
              <TableCell style={noWrap}>
                {new Date(item.updatedAt).toLocaleString()}
                {item.updatedBy && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    by {item.updatedBy}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
