import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import Grid from '@mui/material/Grid';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  Content,
  InfoCard,
  Progress,
  StatusOK,
} from '@backstage/core-components';
import type { RecommendationIndexStatus } from '@ai-ops/plugin-recommendations-common';
import {
  RecommendationError,
  SemanticSearchResults,
  useRecommendationsApi,
} from '@ai-ops/plugin-recommendations-react';

const SEARCH_DEBOUNCE_MS = 300;

const path = (base: string, key: { namespace: string; name: string }) =>
  `${base}/${encodeURIComponent(key.namespace)}/${encodeURIComponent(
    key.name,
  )}`;

const StatusTable = (props: { status: RecommendationIndexStatus }) => {
  const { status } = props;
  const rows: Array<[string, string]> = [
    [
      'Index',
      status.backend === 'weaviate' ? 'Weaviate' : 'Exact in-memory index',
    ],
    ['Collection', status.collection],
    [
      'Embedder',
      `${status.embedder.provider} · ${status.embedder.model} · ${status.embedder.dimensions} dimensions`,
    ],
    ['Components', String(status.components)],
    ['Workflows', String(status.workflows)],
    ['Follows changes within', `${status.refreshIntervalSeconds} s`],
    [
      'Last sync',
      status.lastSyncAt
        ? new Date(status.lastSyncAt).toLocaleString()
        : 'not yet',
    ],
  ];
  if (status.lastSyncError)
    rows.push(['Last sync error', status.lastSyncError]);
  return (
    <Table size="small" aria-label="Index status">
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row">
              {label}
            </TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/**
 * The landing page of the recommendations capability: semantic search
 * across AI components and workflows, and the state of the index.
 *
 * @public
 */
export const RecommendationsPage = () => {
  const api = useRecommendationsApi();
  const status = useAsync(() => api.status(), [api]);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(text.trim()), SEARCH_DEBOUNCE_MS, [text]);

  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={8}>
          <InfoCard title="Search by meaning">
            <Typography variant="body2" paragraph>
              Keyword and vector search across AI components and workflows.
              Every result says why it matched.
            </Typography>
            <TextField
              label="Search"
              type="search"
              size="small"
              fullWidth
              value={text}
              onChange={e => setText(e.target.value)}
              inputProps={{ maxLength: 500 }}
              sx={{ mb: 2 }}
            />
            <SemanticSearchResults
              query={q}
              componentLink={r => path('/ai-components', r)}
              workflowLink={r => path('/workflows', r)}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={4}>
          <InfoCard title="Index">
            {status.loading && <Progress />}
            {status.error && <RecommendationError error={status.error} />}
            {status.value && (
              <>
                <StatusOK>Recommendations backend: ok</StatusOK>
                <StatusTable status={status.value} />
              </>
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
};
