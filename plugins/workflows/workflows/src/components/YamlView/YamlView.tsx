import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { YamlProblem } from '../../lib/yamlSync';

/** Props of {@link YamlView}. */
export interface YamlViewProps {
  text: string;
  onChange(text: string): void;
  /** Why the text cannot become the document, if it cannot. */
  problem?: YamlProblem;
  readOnly?: boolean;
}

/**
 * The document as YAML text. Text that parses replaces the document as it
 * is typed; text that does not shows where it breaks (the message names
 * line and column).
 */
export const YamlView = (props: YamlViewProps) => {
  const { text, problem, readOnly } = props;
  return (
    <Box>
      <TextField
        value={text}
        onChange={e => props.onChange(e.target.value)}
        multiline
        minRows={24}
        fullWidth
        variant="outlined"
        error={!!problem}
        InputProps={{ readOnly }}
        inputProps={{
          'aria-label': 'Workflow YAML',
          spellCheck: false,
          style: { fontFamily: 'monospace', fontSize: 13, lineHeight: 1.5 },
        }}
      />
      {problem && (
        <Typography
          role="alert"
          color="error"
          variant="body2"
          data-testid="yaml-error"
        >
          {problem.message}
        </Typography>
      )}
    </Box>
  );
};
