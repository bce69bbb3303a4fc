import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AiComponent,
  AiComponentVersion,
  InvokeAiComponentResponse,
} from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef, errorMessage } from '../../api';
import { formatUsd } from '@ai-ops/console-react';
import { exampleInput } from '@ai-ops/plugin-workflows-common';
import { parseJson } from '../../lib/json';
import { JsonField } from '../JsonField';

/**
 * Props of {@link TryItPanel}.
 *
 * @public
 */
export interface TryItPanelProps {
  component: AiComponent;
  /** All versions, newest first; may be empty while unknown. */
  versions: AiComponentVersion[];
}

const prefill = (schema: unknown) =>
  JSON.stringify(exampleInput(schema), null, 2);

const Metric = (props: { label: string; value: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div">
      {props.label}
    </Typography>
    <Typography variant="body2" component="div">
      {props.value}
    </Typography>
  </Box>
);

const InvokeResult = (props: { result: InvokeAiComponentResponse }) => {
  const { result } = props;
  return (
    <Box role="region" aria-label="Result" sx={{ mt: 2 }}>
      {result.error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          <strong>{result.error.code}</strong>: {result.error.message}
          <br />
          {result.error.retryable
            ? 'Retryable: trying again may succeed.'
            : 'Not retryable: fix the input or the component first.'}
        </Alert>
      ) : (
        <>
          <Typography variant="subtitle2" component="h3">
            Output
          </Typography>
          <Box
            component="pre"
            aria-label="Output"
            sx={{
              p: 1,
              bgcolor: 'action.hover',
              overflowX: 'auto',
              fontSize: '0.85rem',
            }}
          >
            {JSON.stringify(result.output ?? null, null, 2)}
          </Box>
        </>
      )}
      <Stack direction="row" spacing={3} flexWrap="wrap" useFlexGap>
        <Metric label="Tokens in" value={String(result.usage.inputTokens)} />
        <Metric label="Tokens out" value={String(result.usage.outputTokens)} />
        <Metric
          label="Cost"
          value={
            result.priced === false
              ? 'unknown (no price for the model)'
              : formatUsd(result.costUsd)
          }
        />
        <Metric label="Latency" value={`${Math.round(result.latencyMs)} ms`} />
        <Metric label="Model" value={result.model ?? '—'} />
        <Metric label="Revision" value={`r${result.revision}`} />
      </Stack>
    </Box>
  );
};

/**
 * Runs one version of a component once with a JSON input and shows the
 * output or the classified error, tokens, cost, latency and model.
 *
 * @public
 */
export const TryItPanel = (props: TryItPanelProps) => {
  const { component, versions } = props;
  const api = useApi(aiComponentsApiRef);
  const [revision, setRevision] = useState(component.latestRevision);
  const schemaOf = (r: number) =>
    versions.find(v => v.revision === r)?.spec.inputSchema ??
    component.spec.inputSchema;
  const [text, setText] = useState(() => prefill(schemaOf(revision)));
  const [edited, setEdited] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<InvokeAiComponentResponse>();
  const [failure, setFailure] = useState<string>();

  const selectRevision = (next: number) => {
    setRevision(next);
    if (!edited) setText(prefill(schemaOf(next)));
  };

  const run = async () => {
    const parsed = parseJson(text);
    if (!parsed.ok) return;
    setRunning(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      setResult(
        await api.invoke(
          { namespace: component.namespace, name: component.name },
          { input: parsed.value, revision },
        ),
      );
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setRunning(false);
    }
  };

  const inputValid = parseJson(text).ok;

  return (
    <Card variant="outlined" component="section" aria-labelledby="try-it-title">
      <CardHeader
        title="Try it"
        titleTypographyProps={{
          variant: 'h6',
          component: 'h2',
          id: 'try-it-title',
        }}
        subheader="Runs the component once with this input."
      />
      <CardContent>
        <Stack spacing={2}>
          <TextField
            select
            size="small"
            label="Revision"
            value={revision}
            onChange={e => selectRevision(Number(e.target.value))}
            SelectProps={{ native: true }}
          >
            {versions.length === 0 && (
              <option value={component.latestRevision}>
                r{component.latestRevision} ({component.version})
              </option>
            )}
            {versions.map(v => (
              <option key={v.revision} value={v.revision}>
                r{v.revision} ({v.version})
                {v.revision === component.latestRevision ? ', latest' : ''}
              </option>
            ))}
          </TextField>
          <JsonField
            label="Input"
            value={text}
            onChange={value => {
              setText(value);
              setEdited(true);
            }}
            helperText="JSON matching the input schema"
            minRows={5}
          />
          <Box>
            <Button
              variant="contained"
              startIcon={<PlayArrowIcon />}
              onClick={run}
              disabled={running || !inputValid}
            >
              {running ? 'Running…' : 'Run'}
            </Button>
          </Box>
        </Stack>
        {failure && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {failure}
          </Alert>
        )}
        {result && <InvokeResult result={result} />}
      </CardContent>
    </Card>
  );
};
