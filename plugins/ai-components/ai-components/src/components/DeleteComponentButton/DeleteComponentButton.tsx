import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import DeleteIcon from '@mui/icons-material/Delete';
import { useApi } from '@backstage/core-plugin-api';
import type { AiComponentSummary } from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef, errorMessage } from '../../api';

/**
 * Props of {@link DeleteComponentButton}.
 *
 * @public
 */
export interface DeleteComponentButtonProps {
  component: Pick<
    AiComponentSummary,
    'namespace' | 'name' | 'title' | 'latestRevision'
  >;
  /** Called once the component is gone. */
  onDeleted(): void;
}

/**
 * A Delete button that asks for confirmation, then deletes the component
 * with all its versions.
 *
 * @public
 */
export const DeleteComponentButton = (props: DeleteComponentButtonProps) => {
  const { component, onDeleted } = props;
  const api = useApi(aiComponentsApiRef);
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<string>();
  const name = component.title ?? component.name;

  const confirm = async () => {
    setDeleting(true);
    setFailure(undefined);
    try {
      await api.deleteComponent({
        namespace: component.namespace,
        name: component.name,
      });
      setOpen(false);
      onDeleted();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        color="error"
        startIcon={<DeleteIcon />}
        onClick={() => setOpen(true)}
      >
        Delete
      </Button>
      <Dialog
        open={open}
        onClose={() => !deleting && setOpen(false)}
        aria-labelledby="delete-component-title"
        aria-describedby="delete-component-description"
      >
        <DialogTitle id="delete-component-title">Delete {name}?</DialogTitle>
        <DialogContent>
          <DialogContentText id="delete-component-description">
            This deletes {component.namespace}/{component.name} and all its{' '}
            {component.latestRevision} versions. Workflows that use it will
            fail. This cannot be undone.
          </DialogContentText>
          {failure && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {failure}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={deleting}>
            Cancel
          </Button>
          <Button
            color="error"
            variant="contained"
            onClick={confirm}
            disabled={deleting}
          >
            {deleting ? 'Deleting…' : 'Delete component'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
