import { ChangeEvent, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { useAppNavigate } from '@backstage/frontend-plugin-api';
import { errorMessage, workflowsApiRef } from '../../api';
import { useWorkflowsPaths } from '../../lib/paths';
import { Banner } from '../Banner';

/** The text of a file the user picked. */
const readText = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  onClose(): void;
}

/**
 * Imports a workflow from YAML, pasted or read from a file: it creates the
 * workflow, or adds a version to the one of that name. A refusal shows the
 * server's message, which names the step and field at fault.
 */
export const ImportDialog = (props: ImportDialogProps) => {
  const api = useApi(workflowsApiRef);
  const navigate = useAppNavigate();
  const paths = useWorkflowsPaths();
  const [yaml, setYaml] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setYaml(await readText(file));
    setError(undefined);
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.importWorkflow({ yaml });
      const { workflow } = result;
      let status = `Imported as version ${workflow.latestVersion}`;
      if (result.created)
        status = `Imported: created version ${workflow.latestVersion}`;
      else if (!result.changed)
        status = `No changes: the YAML equals version ${workflow.latestVersion}`;
      navigate(paths.workflow(workflow), { state: { status } });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="import-dialog-title"
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id="import-dialog-title">
        Import a workflow from YAML
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Paste an AIWorkflow document or upload a .yaml file. A workflow of the
          same name gets a new version.
        </DialogContentText>
        {error && (
          <Banner severity="error" testId="import-error">
            {error}
          </Banner>
        )}
        <Box mb={1}>
          <Button variant="outlined" component="label">
            Upload a .yaml file
            <input
              type="file"
              accept=".yaml,.yml,application/yaml,text/yaml"
              hidden
              onChange={readFile}
              aria-label="YAML file"
            />
          </Button>
          {fileName && (
            <Box component="span" ml={1}>
              {fileName}
            </Box>
          )}
        </Box>
        <TextField
          value={yaml}
          onChange={e => setYaml(e.target.value)}
          multiline
          minRows={14}
          fullWidth
          variant="outlined"
          inputProps={{
            'aria-label': 'YAML to import',
            spellCheck: false,
            style: { fontFamily: 'monospace', fontSize: 13 },
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || yaml.trim() === ''}
          onClick={submit}
        >
          {busy ? 'Importing…' : 'Import'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
