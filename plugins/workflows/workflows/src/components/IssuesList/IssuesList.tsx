import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import type { WorkflowIssue } from '@ai-ops/plugin-workflows-common';

/** Props of {@link IssuesList}. */
export interface IssuesListProps {
  issues: WorkflowIssue[];
  checking: boolean;
  /** Why the server could not validate, when it could not. */
  serverError?: string;
  /** Selects the step an issue belongs to. */
  onSelectStep?(stepId: string): void;
}

/** The validation issues of the document, each naming its step and field. */
export const IssuesList = (props: IssuesListProps) => {
  const { issues, checking, serverError, onSelectStep } = props;
  const errors = issues.filter(i => i.severity === 'error').length;
  const summary = issues.length
    ? `${errors} ${errors === 1 ? 'error' : 'errors'}, ${
        issues.length - errors
      } ${issues.length - errors === 1 ? 'warning' : 'warnings'}`
    : 'No issues';
  return (
    <Box component="section" aria-label="Validation issues" mt={2}>
      <Typography variant="subtitle1" component="h3">
        Validation{' '}
        <Typography
          component="span"
          variant="body2"
          color="textSecondary"
          role="status"
          data-testid="validation-summary"
        >
          {checking ? 'checking…' : summary}
        </Typography>
      </Typography>
      {serverError && (
        <Typography variant="body2" color="error">
          The server could not validate: {serverError}
        </Typography>
      )}
      {issues.length === 0 && !checking && (
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <CheckCircleIcon fontSize="small" color="primary" />
          <Typography variant="body2">The workflow is valid.</Typography>
        </Box>
      )}
      <List dense disablePadding>
        {issues.map(issue => (
          <ListItem key={`${issue.path}|${issue.message}`} disableGutters>
            <ListItemIcon style={{ minWidth: 32 }}>
              {issue.severity === 'error' ? (
                <ErrorIcon fontSize="small" color="error" />
              ) : (
                <WarningIcon fontSize="small" />
              )}
            </ListItemIcon>
            <ListItemText
              primary={issue.message}
              secondary={
                issue.stepId && onSelectStep ? (
                  <Link
                    component="button"
                    variant="caption"
                    onClick={() => onSelectStep(issue.stepId!)}
                  >
                    Go to step {issue.stepId}
                  </Link>
                ) : (
                  issue.path
                )
              }
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
};
