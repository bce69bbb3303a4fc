import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { BufferedInput, TextCodec } from './BufferedInput';
import { ExpressionInput } from './ExpressionInput';
import {
  checkExpressions,
  describeExpressionError,
} from '../../lib/expressionCheck';

/** Any JSON; empty text is no value. */
const jsonCodec: TextCodec<unknown> = {
  format: v => (v === undefined ? '' : JSON.stringify(v)),
  parse: text => {
    if (text.trim() === '') return { value: undefined };
    try {
      const value = JSON.parse(text);
      const errors = checkExpressions(value);
      return errors.length
        ? { error: errors.map(describeExpressionError).join('; ') }
        : { value };
    } catch (e) {
      return { error: `Not JSON: ${e instanceof Error ? e.message : e}` };
    }
  },
};

/** Props of {@link MappingRow}. */
export interface MappingRowProps {
  name: string;
  value: unknown;
  /** Set when the name comes from the input schema. */
  schema?: { type?: unknown; description?: unknown };
  required?: boolean;
  readOnly?: boolean;
  /** Names other rows use, which a rename must avoid. */
  otherNames: string[];
  onChange(value: unknown): void;
  onRename(name: string): void;
  onRemove(): void;
}

/**
 * One `name: value` row of a mapping. Strings are edited as text with
 * `${{ }}` checks; other values (numbers, lists, objects) as JSON.
 */
export const MappingRow = (props: MappingRowProps) => {
  const { name, value, schema, required, readOnly } = props;
  const [key, setKey] = useState(name);
  useEffect(() => setKey(name), [name]);
  const [json, setJson] = useState(
    value !== undefined && typeof value !== 'string',
  );
  useEffect(() => {
    if (value !== undefined) setJson(typeof value !== 'string');
  }, [value]);

  let keyError: string | undefined;
  if (key.trim() === '') keyError = 'A name is needed';
  else if (key !== name && props.otherNames.includes(key)) {
    keyError = 'Used by another row';
  }
  const commitKey = () => {
    if (!keyError && key !== name) props.onRename(key);
    else setKey(name);
  };
  const type = typeof schema?.type === 'string' ? schema.type : undefined;
  const description =
    typeof schema?.description === 'string' ? schema.description : undefined;
  const hint = [type, description].filter(Boolean).join(' — ') || undefined;

  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
      <Box width="34%" pt={schema ? 1.5 : 0}>
        {schema ? (
          <Typography variant="body2" component="span">
            <code>{name}</code>
            {required && (
              <span aria-label="required" title="required">
                {' *'}
              </span>
            )}
          </Typography>
        ) : (
          <TextField
            value={key}
            onChange={e => setKey(e.target.value)}
            onBlur={commitKey}
            onKeyDown={e => e.key === 'Enter' && commitKey()}
            error={!!keyError}
            helperText={keyError}
            margin="dense"
            variant="outlined"
            size="small"
            InputProps={{ readOnly }}
            inputProps={{ 'aria-label': `Name of ${name}` }}
          />
        )}
      </Box>
      <Box flex={1} minWidth={0}>
        {json ? (
          <BufferedInput
            label={`${name} (JSON)`}
            value={value}
            onChange={props.onChange}
            codec={jsonCodec}
            helperText={hint}
            readOnly={readOnly}
            monospace
          />
        ) : (
          <ExpressionInput
            label={name}
            ariaLabel={`Value of ${name}`}
            value={
              typeof value === 'string' || value === undefined
                ? value
                : JSON.stringify(value)
            }
            onChange={v => props.onChange(schema && v === '' ? undefined : v)}
            helperText={hint}
            placeholder={schema ? 'not mapped' : undefined}
            readOnly={readOnly}
          />
        )}
      </Box>
      {!readOnly && (
        <Box pt={1}>
          <Tooltip title={json ? 'Edit as text' : 'Edit as JSON'}>
            <IconButton
              size="small"
              aria-label={`${json ? 'Text' : 'JSON'} value of ${name}`}
              aria-pressed={json}
              onClick={() => setJson(!json)}
            >
              <Typography variant="caption">{'{}'}</Typography>
            </IconButton>
          </Tooltip>
          {(!schema || value !== undefined) && (
            <IconButton
              size="small"
              aria-label={`Remove ${name}`}
              onClick={props.onRemove}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          )}
        </Box>
      )}
    </Box>
  );
};
