import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import SaveIcon from '@material-ui/icons/Save';
import { useFieldId } from '../fields/useFieldId';

/** Props of {@link SaveBar}. */
export interface SaveBarProps {
  isNew: boolean;
  dirty: boolean;
  saving: boolean;
  /** Why saving is not possible now, if it is not. */
  blockedBy?: string;
  message: string;
  onMessageChange(message: string): void;
  onSave(): void;
}

/** The change message, the unsaved-changes mark and the Save button. */
export const SaveBar = (props: SaveBarProps) => {
  const { isNew, dirty, saving, blockedBy } = props;
  const messageId = useFieldId('change-message');
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {dirty && (
        <Chip
          size="small"
          color="secondary"
          label="Unsaved changes"
          data-testid="unsaved-changes"
        />
      )}
      {!isNew && (
        <TextField
          id={messageId}
          label="Change message"
          value={props.message}
          onChange={e => props.onMessageChange(e.target.value)}
          size="small"
          variant="outlined"
          inputProps={{ maxLength: 500 }}
          style={{ minWidth: 240 }}
        />
      )}
      <Button
        variant="contained"
        color="primary"
        startIcon={<SaveIcon />}
        onClick={props.onSave}
        disabled={saving || !!blockedBy}
        title={blockedBy}
      >
        {saving ? 'Saving…' : 'Save'}
      </Button>
    </Box>
  );
};
