import { FormEvent, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { useApi } from '@backstage/core-plugin-api';
import type { AiComponentSecret } from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef, errorMessage } from '../../api';
import { FieldErrors, validateSecret } from '../../lib/validation';

/**
 * Props of {@link SecretDialog}.
 *
 * @public
 */
export interface SecretDialogProps {
  /** The secret whose value to replace; a new secret is added when absent. */
  name?: string;
  /** Names of the secrets that exist, to warn before one is overwritten. */
  existingNames: string[];
  onClose(): void;
  /** Called with what the server stored. */
  onSaved(secret: AiComponentSecret): void;
}

/**
 * The dialog that adds a secret (name and value) or, with `name`, replaces
 * the value of one. Checks both with the API's rules before sending and
 * shows the server's message when it refuses.
 *
 * @public
 */
export const SecretDialog = (props: SecretDialogProps) => {
  const { name: fixedName, existingNames, onClose, onSaved } = props;
  const api = useApi(aiComponentsApiRef);
  const [name, setName] = useState(fixedName ?? '');
  const [value, setValue] = useState('');
  const [showValue, setShowValue] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const replacing = fixedName !== undefined;
  const overwrites = !replacing && existingNames.includes(name.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), value };
    const found = validateSecret(body);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const stored = await api.putSecret(body.name, body.value);
      onSaved(stored);
    } catch (error) {
      setFailure(errorMessage(error));
      setSaving(false);
    }
  };

  let valueHelp = 'Stored encrypted; it cannot be shown again.';
  if (errors.value) valueHelp = errors.value;
  else if (value !== value.trim()) {
    valueHelp = 'Starts or ends with spaces or line breaks, which are kept.';
  }

  return (
    <Dialog
      open
      fullWidth
      maxWidth="sm"
      onClose={() => !saving && onClose()}
      aria-labelledby="secret-dialog-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="secret-dialog-title">
          {replacing ? `Replace value of ${fixedName}` : 'Add secret'}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {replacing
              ? 'Components that reference this secret use the new value from their next call.'
              : 'Components reference the secret by this name in their runtime config, e.g. "secretRef": "openai-api-key".'}
          </DialogContentText>
          <Stack spacing={2}>
            <TextField
              label="Name"
              value={name}
              onChange={e => {
                setName(e.target.value);
                setErrors(({ name: _name, ...rest }) => rest);
              }}
              disabled={replacing || saving}
              required
              fullWidth
              autoComplete="off"
              error={!!errors.name}
              helperText={
                errors.name ??
                (overwrites
                  ? 'A secret with this name exists; saving replaces its value.'
                  : 'Letters, digits and _ . -, starting with a letter or digit')
              }
              inputProps={{ spellCheck: false, maxLength: 200 }}
            />
            <TextField
              label="Value"
              type={showValue ? 'text' : 'password'}
              value={value}
              onChange={e => {
                setValue(e.target.value);
                setErrors(({ value: _value, ...rest }) => rest);
              }}
              disabled={saving}
              required
              fullWidth
              autoComplete="new-password"
              error={!!errors.value}
              helperText={valueHelp}
              inputProps={{ spellCheck: false }}
              InputProps={{
                endAdornment: (
                  <InputAdornment position="end">
                    <IconButton
                      aria-label={showValue ? 'Hide value' : 'Show value'}
                      onClick={() => setShowValue(shown => !shown)}
                      edge="end"
                    >
                      {showValue ? <VisibilityOff /> : <Visibility />}
                    </IconButton>
                  </InputAdornment>
                ),
              }}
            />
            {failure && <Alert severity="error">{failure}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={saving}>
            {saving ? 'Saving…' : 'Save secret'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
