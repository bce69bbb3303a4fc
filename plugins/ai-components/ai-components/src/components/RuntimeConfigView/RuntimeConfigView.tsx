import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { maskRuntimeConfig } from '../../lib/maskConfig';

/**
 * Props of {@link RuntimeConfigView}.
 *
 * @public
 */
export interface RuntimeConfigViewProps {
  runtime: { type: string; config?: Record<string, unknown> };
  /** Title and description of the runtime type, when it is installed. */
  runtimeInfo?: { title: string; description: string };
}

const display = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value, null, 2);

/**
 * The runtime of a component and its config, with secret references shown
 * as `secret: <name>` and values of secret-looking keys masked.
 *
 * @public
 */
export const RuntimeConfigView = (props: RuntimeConfigViewProps) => {
  const { runtime, runtimeInfo } = props;
  const masked = maskRuntimeConfig(runtime.config ?? {}) as Record<
    string,
    unknown
  >;
  const entries = Object.entries(masked);

  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby="runtime-title"
    >
      <CardHeader
        title="Runtime"
        titleTypographyProps={{
          variant: 'h6',
          component: 'h2',
          id: 'runtime-title',
        }}
        subheader={
          runtimeInfo ? `${runtimeInfo.title} (${runtime.type})` : runtime.type
        }
      />
      <CardContent>
        {runtimeInfo && (
          <Typography variant="body2" color="text.secondary" paragraph>
            {runtimeInfo.description}
          </Typography>
        )}
        {entries.length === 0 ? (
          <Typography variant="body2">No config.</Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label="Runtime config">
              <TableHead>
                <TableRow>
                  <TableCell>Key</TableCell>
                  <TableCell>Value</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {entries.map(([key, value]) => (
                  <TableRow key={key}>
                    <TableCell sx={{ verticalAlign: 'top' }}>
                      <Box component="code" sx={{ fontFamily: 'monospace' }}>
                        {key}
                      </Box>
                    </TableCell>
                    <TableCell>
                      <Box
                        component="pre"
                        sx={{
                          m: 0,
                          whiteSpace: 'pre-wrap',
                          wordBreak: 'break-word',
                          fontSize: '0.8rem',
                        }}
                      >
                        {display(value)}
                      </Box>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
