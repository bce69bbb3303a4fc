import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useApi } from '@backstage/core-plugin-api';
import { aiComponentsApiRef, errorMessage } from '../../api';

/**
 * Props of {@link DeleteSecretDialog}.
 *
 * @public
 */
export interface DeleteSecretDialogProps {
  /** The secret to delete. */
  name: string;
  onClose(): void;
  /** Called once the secret is gone. */
  onDeleted(): void;
}

/**
 * Asks whether to delete the named secret, then deletes it; shows the
 * server's message when it refuses.
 *
 * @public
 */
export const DeleteSecretDialog = (props: DeleteSecretDialogProps) => {
  const { name, onClose, onDeleted } = props;
  const api = useApi(aiComponentsApiRef);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<string>();

  const confirm = async () => {
    setDeleting(true);
    setFailure(undefined);
    try {
      await api.deleteSecret(name);
      onDeleted();
    } catch (error) {
      setFailure(errorMessage(error));
      setDeleting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={() => !deleting && onClose()}
      aria-labelledby="delete-secret-title"
      aria-describedby="delete-secret-description"
    >
      <DialogTitle id="delete-secret-title">Delete secret {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText id="delete-secret-description">
          {`Components whose runtime config has "secretRef": "${name}" fail until a secret with this name is added again. The value cannot be recovered.`}
        </DialogContentText>
        {failure && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {failure}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={deleting}>
          Cancel
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={confirm}
          disabled={deleting}
        >
          {deleting ? 'Deleting…' : 'Delete secret'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
