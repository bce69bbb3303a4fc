import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { CopyTextButton } from '@backstage/core-components';
import { WEBHOOK_SIGNATURE_HEADER } from '@ai-ops/plugin-executions-common';
import { webhookCurl } from '../../lib/triggers';
import { Banner } from '../Banner';

/** Props of {@link SecretDialog}. */
export interface SecretDialogProps {
  /** What happened, e.g. "Webhook created" or "Secret rotated". */
  title: string;
  secret: string;
  /** The URL callers POST to; absent while it is being found. */
  url?: string;
  onClose(): void;
}

const codeStyle = {
  fontFamily: 'monospace',
  whiteSpace: 'pre-wrap' as const,
  wordBreak: 'break-all' as const,
  margin: 0,
  flex: 1,
};

/**
 * A webhook's secret, shown this once (only its hash is stored), with copy
 * buttons and a curl command that calls the webhook with it.
 */
export const SecretDialog = (props: SecretDialogProps) => {
  const { secret, url } = props;
  const curl = url ? webhookCurl(url, secret) : undefined;
  return (
    // No onClose: only the button closes it, so that a stray click or the
    // Escape key does not lose the secret.
    <Dialog open aria-labelledby="secret-dialog-title" fullWidth maxWidth="md">
      <DialogTitle id="secret-dialog-title">{props.title}</DialogTitle>
      <DialogContent>
        <Banner severity="info" testId="secret-once-note">
          Copy the secret now: it will not be shown again. Only its hash is
          stored; if it is lost, rotate the secret to get a new one.
        </Banner>
        <Typography variant="subtitle2" component="h3">
          Secret
        </Typography>
        <Box display="flex" alignItems="center" mb={2}>
          <Typography
            component="code"
            style={codeStyle}
            data-testid="webhook-secret"
          >
            {secret}
          </Typography>
          <CopyTextButton
            text={secret}
            aria-label="Copy the secret"
            tooltipText="Secret copied"
          />
        </Box>
        {url && (
          <>
            <Typography variant="subtitle2" component="h3">
              URL
            </Typography>
            <Box display="flex" alignItems="center" mb={2}>
              <Typography component="code" style={codeStyle}>
                {url}
              </Typography>
              <CopyTextButton
                text={url}
                aria-label="Copy the URL"
                tooltipText="URL copied"
              />
            </Box>
          </>
        )}
        {curl && (
          <>
            <Typography variant="subtitle2" component="h3">
              Example call
            </Typography>
            <Box display="flex" alignItems="flex-start" mb={1}>
              <Typography
                component="pre"
                style={codeStyle}
                data-testid="webhook-curl"
              >
                {curl}
              </Typography>
              <CopyTextButton
                text={curl}
                aria-label="Copy the curl command"
                tooltipText="Command copied"
              />
            </Box>
          </>
        )}
        <Typography variant="body2" color="textSecondary">
          The JSON body is the run's input (its fields override the trigger's
          input); the answer is 202 with the run's id. Instead of the bearer
          token a caller may sign the raw body: {WEBHOOK_SIGNATURE_HEADER}:
          sha256=&lt;hex HMAC-SHA256 of the body, keyed with the hex SHA-256 of
          the secret&gt;. Unknown, disabled and wrong-secret calls all get 401.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button color="primary" variant="contained" onClick={props.onClose}>
          I have copied the secret
        </Button>
      </DialogActions>
    </Dialog>
  );
};
