import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import InfoIcon from '@material-ui/icons/Info';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    borderLeft: '4px solid',
    background: theme.palette.background.paper,
  },
  info: { borderColor: theme.palette.info.main },
  success: { borderColor: theme.palette.success.main },
  error: { borderColor: theme.palette.error.main },
}));

const ICONS = {
  info: <InfoIcon fontSize="small" color="primary" />,
  success: <CheckCircleIcon fontSize="small" color="primary" />,
  error: <ErrorIcon fontSize="small" color="error" />,
};

/** Props of {@link Banner}. */
export interface BannerProps {
  severity: 'info' | 'success' | 'error';
  children: ReactNode;
  testId?: string;
}

/** A one-line notice: read-only, saved, or refused with the server's reason. */
export const Banner = (props: BannerProps) => {
  const classes = useStyles();
  return (
    <Box
      className={`${classes.root} ${classes[props.severity]}`}
      role={props.severity === 'error' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      {ICONS[props.severity]}
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
};
