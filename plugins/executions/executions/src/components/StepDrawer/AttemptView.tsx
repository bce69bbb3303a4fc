import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { StepAttemptDetailDto } from '@ai-ops/plugin-executions-common';
import {
  formatDuration,
  formatTime,
  formatTokens,
  formatUsd,
} from '../../lib/format';
import { StatusChip } from '../StatusChip';

const JsonBlock = (props: { label: string; value: unknown }) => (
  <Box mb={1}>
    <Typography variant="caption" color="textSecondary">
      {props.label}
    </Typography>
    <Box
      component="pre"
      m={0}
      p={1}
      bgcolor="background.default"
      style={{ overflow: 'auto', maxHeight: 240, fontSize: 12 }}
      aria-label={props.label}
    >
      {props.value === undefined ? '—' : JSON.stringify(props.value, null, 2)}
    </Box>
  </Box>
);

/**
 * One attempt of a step: status, timing, model, tokens, cost, its input and
 * output as the API returns them (secrets already masked), error, logs and
 * evaluation scores.
 */
export const AttemptView = (props: { attempt: StepAttemptDetailDto }) => {
  const { attempt } = props;
  const title = attempt.attempt === 0 ? 'State' : `Attempt ${attempt.attempt}`;
  return (
    <Box
      component="section"
      mb={2}
      pb={1}
      borderBottom={1}
      borderColor="divider"
      aria-label={`${title} of iteration ${attempt.iteration}`}
    >
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2">{title}</Typography>
        <StatusChip status={attempt.status} />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {formatTime(attempt.startedAt)} · latency{' '}
        {formatDuration(attempt.latencyMs)}
        {attempt.model ? ` · ${attempt.model}` : ''} ·{' '}
        {formatTokens(attempt.tokens)} · {formatUsd(attempt.costUsd)}
      </Typography>
      {attempt.error && (
        <Typography variant="body2" color="error" role="alert">
          {attempt.error.code}: {attempt.error.message}
        </Typography>
      )}
      <JsonBlock label="Input" value={attempt.input} />
      <JsonBlock label="Output" value={attempt.output} />
      {attempt.maskedPaths.length > 0 && (
        <Typography variant="caption" color="textSecondary" display="block">
          Masked: {attempt.maskedPaths.join(', ')}
        </Typography>
      )}
      {attempt.scores.length > 0 && (
        <Box mt={1} aria-label="Evaluation scores">
          {attempt.scores.map(score => (
            <Chip
              key={score.name}
              size="small"
              style={{ marginRight: 4 }}
              color={score.passed === false ? 'secondary' : 'default'}
              label={`${score.name}: ${score.score.toFixed(2)}`}
              title={score.reason}
            />
          ))}
        </Box>
      )}
      {attempt.logs.length > 0 && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Logs
          </Typography>
          <Box
            component="pre"
            m={0}
            p={1}
            bgcolor="background.default"
            style={{ overflow: 'auto', maxHeight: 200, fontSize: 12 }}
            aria-label="Logs"
          >
            {attempt.logs
              .map(l => `${l.time} ${l.level.toUpperCase()} ${l.message}`)
              .join('\n')}
          </Box>
        </Box>
      )}
    </Box>
  );
};
