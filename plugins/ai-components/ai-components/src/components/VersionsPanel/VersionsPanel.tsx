import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { AiComponentVersion } from '@ai-ops/plugin-ai-components-common';
import { maskRuntimeConfig } from '../../lib/maskConfig';
import { diffJson, JsonChange } from '../../lib/specDiff';

/**
 * Props of {@link VersionsPanel}.
 *
 * @public
 */
export interface VersionsPanelProps {
  /** All versions, newest first. */
  versions: AiComponentVersion[];
}

const label = (v: AiComponentVersion) => `r${v.revision} (${v.version})`;

const show = (value: unknown) =>
  value === undefined ? '' : JSON.stringify(value, null, 2);

/** A spec that is safe to show: its runtime config masked. */
const safeSpec = (v: AiComponentVersion) => ({
  ...v.spec,
  runtime: {
    ...v.spec.runtime,
    config: maskRuntimeConfig(v.spec.runtime.config ?? {}),
  },
});

const CHANGE_COLORS = {
  added: 'success',
  removed: 'error',
  changed: 'warning',
} as const;

const VersionSelect = (props: {
  label: string;
  value: number;
  versions: AiComponentVersion[];
  onChange(revision: number): void;
}) => (
  <TextField
    select
    size="small"
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(Number(e.target.value))}
    SelectProps={{ native: true }}
    sx={{ minWidth: 160 }}
  >
    {props.versions.map(v => (
      <option key={v.revision} value={v.revision}>
        {label(v)}
      </option>
    ))}
  </TextField>
);

const DiffTable = (props: { changes: JsonChange[] }) => (
  <Box sx={{ overflowX: 'auto' }}>
    <Table size="small" aria-label="Changes between the versions">
      <TableHead>
        <TableRow>
          <TableCell>Path</TableCell>
          <TableCell>Change</TableCell>
          <TableCell>Old value</TableCell>
          <TableCell>New value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.changes.map(change => (
          <TableRow key={change.path}>
            <TableCell>
              <Box component="code" sx={{ fontFamily: 'monospace' }}>
                {change.path}
              </Box>
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                variant="outlined"
                color={CHANGE_COLORS[change.kind]}
                label={change.kind}
              />
            </TableCell>
            {[change.before, change.after].map((value, i) => (
              <TableCell key={i}>
                <Box
                  component="pre"
                  sx={{
                    m: 0,
                    whiteSpace: 'pre-wrap',
                    wordBreak: 'break-word',
                    fontSize: '0.8rem',
                  }}
                >
                  {show(value)}
                </Box>
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Box>
);

/**
 * The versions of a component, newest first, and a field-by-field diff of
 * the specs of any two of them.
 *
 * @public
 */
export const VersionsPanel = (props: VersionsPanelProps) => {
  const { versions } = props;
  const [from, setFrom] = useState(
    versions[1]?.revision ?? versions[0]?.revision,
  );
  const [to, setTo] = useState(versions[0]?.revision);
  const changes = useMemo(() => {
    const a = versions.find(v => v.revision === from);
    const b = versions.find(v => v.revision === to);
    return a && b ? diffJson(safeSpec(a), safeSpec(b)) : [];
  }, [versions, from, to]);

  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby="versions-title"
    >
      <CardHeader
        title="Versions"
        titleTypographyProps={{
          variant: 'h6',
          component: 'h2',
          id: 'versions-title',
        }}
        subheader={`${versions.length} ${
          versions.length === 1 ? 'version' : 'versions'
        }`}
      />
      <CardContent>
        <Box sx={{ overflowX: 'auto', mb: 3 }}>
          <Table size="small" aria-label="Versions">
            <TableHead>
              <TableRow>
                <TableCell>Revision</TableCell>
                <TableCell>Version</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Change note</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {versions.map(v => (
                <TableRow key={v.revision}>
                  <TableCell>r{v.revision}</TableCell>
                  <TableCell>{v.version}</TableCell>
                  <TableCell>
                    {new Date(v.createdAt).toLocaleString()}
                    {v.createdBy ? ` by ${v.createdBy}` : ''}
                  </TableCell>
                  <TableCell>{v.changeNote ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
        {versions.length < 2 ? (
          <Typography variant="body2">
            There is one version so far; edits add new ones to compare.
          </Typography>
        ) : (
          <>
            <Typography variant="subtitle1" component="h3" gutterBottom>
              Compare versions
            </Typography>
            <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
              <VersionSelect
                label="From"
                value={from}
                versions={versions}
                onChange={setFrom}
              />
              <VersionSelect
                label="To"
                value={to}
                versions={versions}
                onChange={setTo}
              />
            </Stack>
            {changes.length === 0 ? (
              <Typography variant="body2" role="status">
                The specs of these versions are the same.
              </Typography>
            ) : (
              <DiffTable changes={changes} />
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
};
