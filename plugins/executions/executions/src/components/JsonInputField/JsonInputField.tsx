import TextField from '@material-ui/core/TextField';

/**
 * Parses what a user typed as a run's input: `{}` when empty, else JSON; an
 * error says why it is not JSON.
 */
export function parseJsonInput(text: string): {
  value?: unknown;
  error?: string;
} {
  if (!text.trim()) return { value: {} };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `Input is not JSON: ${(e as Error).message}` };
  }
}

/** What a workflow's input schema (`spec.input`) asks for, in a line. */
export function describeInputSchema(
  schema: Record<string, unknown> | undefined,
): string {
  const { properties, required } = schema ?? {};
  const names =
    properties && typeof properties === 'object' ? Object.keys(properties) : [];
  const mandatory = new Set(Array.isArray(required) ? required : []);
  if (names.length === 0) return 'Its input schema accepts any JSON.';
  return `Input fields: ${names
    .map(name => (mandatory.has(name) ? `${name} (required)` : name))
    .join(', ')}.`;
}

/** The multi-line, monospaced "Input (JSON)" field of the run dialogs. */
export const JsonInputField = (props: {
  id: string;
  value: string;
  onChange(value: string): void;
  helperText?: string;
}) => (
  <TextField
    id={props.id}
    fullWidth
    multiline
    minRows={4}
    margin="dense"
    label="Input (JSON)"
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    helperText={props.helperText}
    inputProps={{ style: { fontFamily: 'monospace' } }}
  />
);
