import { Component, ErrorInfo, ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

interface PanelBoundaryProps {
  /** What the panel shows, for the message: "The timeline failed". */
  title: string;
  children: ReactNode;
}

interface PanelBoundaryState {
  error?: Error;
}

/**
 * Keeps a failing panel from taking the page down: shows what failed and a
 * button to render the panel again, while the other panels keep working.
 */
export class PanelBoundary extends Component<
  PanelBoundaryProps,
  PanelBoundaryState
> {
  static getDerivedStateFromError(error: Error): PanelBoundaryState {
    return { error };
  }

  state: PanelBoundaryState = {};

  componentDidCatch(error: Error, info: ErrorInfo) {
    // The console keeps the component stack for whoever reports the problem.
    // eslint-disable-next-line no-console
    console.error(`${this.props.title} failed`, error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Box
        role="alert"
        p={2}
        border={1}
        borderColor="error.main"
        borderRadius={4}
      >
        <Typography variant="subtitle2" color="error">
          {this.props.title} failed
        </Typography>
        <Typography variant="body2" paragraph>
          {error.message}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          onClick={() => this.setState({ error: undefined })}
        >
          Try again
        </Button>
      </Box>
    );
  }
}
