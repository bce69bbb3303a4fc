import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { WorkflowVersionSummaryDto } from '@ai-ops/plugin-workflows-common';

/** The label the deployments look for. */
export const PRODUCTION_LABEL = 'production';

/** Props of {@link VersionsTable}. */
export interface VersionsTableProps {
  versions: WorkflowVersionSummaryDto[];
  latestVersion: number;
  /** Versions chosen to compare (at most two). */
  compared: number[];
  onToggleCompare(version: number): void;
  canPromote: boolean;
  canRestore: boolean;
  busy: boolean;
  onPromote(version: number): void;
  onSetLabel(version: number): void;
  onRemoveLabel(label: string): void;
  onRestore(version: number): void;
  onExport(version: number): void;
}

/**
 * The versions of a workflow, newest first: who made each and why, the
 * labels on it, and what may be done with it.
 */
export const VersionsTable = (props: VersionsTableProps) => {
  const { versions, compared, canPromote, canRestore, busy } = props;
  return (
    <Table size="small" aria-label="Versions">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">Compare</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>Created</TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Labels</TableCell>
          <TableCell align="right">Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {versions.map(v => {
          const isProduction = v.labels.includes(PRODUCTION_LABEL);
          return (
            <TableRow key={v.version} selected={compared.includes(v.version)}>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={compared.includes(v.version)}
                  onChange={() => props.onToggleCompare(v.version)}
                  inputProps={{ 'aria-label': `Compare version ${v.version}` }}
                />
              </TableCell>
              <TableCell>
                v{v.version}
                {v.version === props.latestVersion && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    newest
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {new Date(v.createdAt).toLocaleString()}
                {v.createdBy && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    by {v.createdBy}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {v.message ?? ''}
                {v.restoredFrom !== undefined && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    restored from v{v.restoredFrom}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                  {v.labels.map(label => (
                    <Chip
                      key={label}
                      size="small"
                      label={label}
                      color={label === PRODUCTION_LABEL ? 'primary' : 'default'}
                      onDelete={
                        canPromote && !busy
                          ? () => props.onRemoveLabel(label)
                          : undefined
                      }
                    />
                  ))}
                </Box>
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {canPromote && !isProduction && (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => props.onPromote(v.version)}
                    aria-label={`Promote version ${v.version} to production`}
                  >
                    Promote to production
                  </Button>
                )}
                {canPromote && (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => props.onSetLabel(v.version)}
                    aria-label={`Set a label on version ${v.version}`}
                  >
                    Set label
                  </Button>
                )}
                {canRestore && v.version !== props.latestVersion && (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => props.onRestore(v.version)}
                    aria-label={`Restore version ${v.version}`}
                  >
                    Restore
                  </Button>
                )}
                <IconButton
                  size="small"
                  onClick={() => props.onExport(v.version)}
                  aria-label={`Export version ${v.version} as YAML`}
                >
                  <GetAppIcon fontSize="small" />
                </IconButton>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
