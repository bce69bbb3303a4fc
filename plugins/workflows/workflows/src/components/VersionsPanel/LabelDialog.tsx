import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { LABEL_PATTERN } from '@ai-ops/plugin-workflows-common';
import { TextInput } from '../fields';

/** Props of {@link LabelDialog}. */
export interface LabelDialogProps {
  version: number;
  onClose(): void;
  onSet(label: string): void;
}

/** Asks for the name of a label to point at a version. */
export const LabelDialog = (props: LabelDialogProps) => {
  const [label, setLabel] = useState('');
  const invalid = label !== '' && !LABEL_PATTERN.test(label);
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="label-dialog-title">
      <DialogTitle id="label-dialog-title">
        Set a label on version {props.version}
      </DialogTitle>
      <DialogContent>
        <TextInput
          label="Label"
          value={label}
          onChange={setLabel}
          error={
            invalid
              ? 'Lower-case letters, digits and -, starting with a letter or digit'
              : undefined
          }
          helperText="e.g. staging; a label on another version moves here"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={label === '' || invalid}
          onClick={() => props.onSet(label)}
        >
          Set label
        </Button>
      </DialogActions>
    </Dialog>
  );
};
