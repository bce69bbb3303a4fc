import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import type { AiComponentSecret } from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef, errorMessage } from '../../api';
import { FieldErrors, validateSecret } from '../../lib/validation';

/** The Owner option that adds a shared secret (unlike an entity ref, no colon). */
const SHARED = 'shared';

/**
 * The owners the signed-in user may give a new secret: their `user:` and
 * `group:` ownership refs, without repeats.
 */
const ownerOptions = (ownershipEntityRefs: string[]) => [
  ...new Set(ownershipEntityRefs.filter(ref => /^(user|group):/i.test(ref))),
];

/**
 * Props of {@link SecretDialog}.
 *
 * @public
 */
export interface SecretDialogProps {
  /** The secret whose value to replace; a new secret is added when absent. */
  name?: string;
  /**
   * The owner (entity ref) of the secret named by `name`; absent when it is
   * shared. Replacing the value keeps it unless another of the user's
   * ownership refs, or shared, is chosen.
   */
  owner?: string;
  /** Names of the secrets that exist, to warn before one is overwritten. */
  existingNames: string[];
  onClose(): void;
  /** Called with what the server stored. */
  onSaved(secret: AiComponentSecret): void;
}

/**
 * The dialog that adds a secret (name, value and owner: one of the signed-in
 * user's ownership refs, by default their first group, or shared) or, with
 * `name`, replaces the value of one, keeping its owner, handing it to
 * another of the user's ownership refs (the server checks that the user may
 * manage both) or making it shared (the server lets only admins). Checks
 * name and value with the API's rules before sending and shows the server's
 * message when it refuses.
 *
 * @public
 */
export const SecretDialog = (props: SecretDialogProps) => {
  const {
    name: fixedName,
    owner: fixedOwner,
    existingNames,
    onClose,
    onSaved,
  } = props;
  const api = useApi(aiComponentsApiRef);
  const identityApi = useApi(identityApiRef);
  const replacing = fixedName !== undefined;
  // Whom the secret may belong to; without an identity, only shared (a new
  // secret) or its current owner (a replaced one).
  const owners = useAsync(
    async () =>
      identityApi.getBackstageIdentity().then(
        identity => ownerOptions(identity.ownershipEntityRefs),
        () => [],
      ),
    [identityApi],
  );
  const currentOwner = fixedOwner ?? SHARED;
  const userRefs = owners.value ?? [];
  // Replacing: the current owner first.
  const ownerRefs = replacing
    ? [
        ...(fixedOwner ? [fixedOwner] : []),
        ...userRefs.filter(
          ref =>
            ref.toLocaleLowerCase('en-US') !==
            fixedOwner?.toLocaleLowerCase('en-US'),
        ),
      ]
    : userRefs;
  const [chosenOwner, setChosenOwner] = useState<string>();
  const owner = replacing
    ? chosenOwner ?? currentOwner
    : chosenOwner ??
      ownerRefs.find(ref =>
        ref.toLocaleLowerCase('en-US').startsWith('group:'),
      ) ??
      ownerRefs[0] ??
      SHARED;
  const [name, setName] = useState(fixedName ?? '');
  const [value, setValue] = useState('');
  const [showValue, setShowValue] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
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
      // Replacing keeps the owner unless another was chosen (`null`: make
      // it shared); a new secret without one is shared.
      let sentOwner: string | null | undefined = owner;
      if (replacing && owner === currentOwner) sentOwner = undefined;
      else if (owner === SHARED) sentOwner = replacing ? null : undefined;
      const stored = await api.putSecret(body.name, body.value, sentOwner);
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

  let ownerHelp = `Only components owned by ${owner} can use the secret.`;
  if (replacing && owner === currentOwner) {
    ownerHelp = `Replacing the value keeps the owner${
      fixedOwner ? '' : ' (shared)'
    }; choose another to hand the secret over.`;
  } else if (replacing && owner === SHARED) {
    ownerHelp =
      'Saving makes the secret shared: any component may use it from then on. Only admins may make a secret shared.';
  } else if (replacing) {
    ownerHelp = `Saving hands the secret to ${owner}: only its components can use it from then on.`;
  } else if (owners.loading) {
    ownerHelp = 'Only components owned by the chosen owner can use the secret.';
  } else if (owner === SHARED) {
    ownerHelp =
      'Any component may use the secret; only admins may add shared secrets.';
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
              select
              label="Owner"
              value={owners.loading ? '' : owner}
              onChange={e => setChosenOwner(e.target.value)}
              disabled={owners.loading || saving}
              required
              fullWidth
              helperText={ownerHelp}
            >
              {ownerRefs.map(ref => (
                <MenuItem key={ref} value={ref}>
                  {ref}
                </MenuItem>
              ))}
              <MenuItem value={SHARED}>
                Shared (any component may use it)
              </MenuItem>
            </TextField>
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
          <Button
            type="submit"
            variant="contained"
            disabled={saving || owners.loading}
          >
            {saving ? 'Saving…' : 'Save secret'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
