import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import KeyIcon from '@mui/icons-material/Key';
import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { aiComponentSecretManagePermission } from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef } from '../../api';
import { useAiComponentsPaths } from '../../lib/paths';
import { DeleteSecretDialog } from './DeleteSecretDialog';
import { SecretDialog } from './SecretDialog';

const noWrap = { whiteSpace: 'nowrap' } as const;

/** Who last stored a secret: a user (linked) or a service. */
const Actor = ({ actor }: { actor?: string }) => {
  if (!actor) return <>—</>;
  if (actor.startsWith('user:')) {
    return <EntityRefLink entityRef={actor} defaultKind="user" />;
  }
  return <>{actor}</>;
};

/** Whose components may use a secret: its owner (linked), or all. */
const Owner = ({ owner }: { owner?: string }) => {
  if (!owner) return <>Shared</>;
  return <EntityRefLink entityRef={owner} />;
};

/**
 * The open dialog: add, replace the value of `name` (owned by `owner`, or
 * shared), or delete `name`.
 */
type OpenDialog =
  | { kind: 'add' }
  | { kind: 'replace'; name: string; owner?: string }
  | { kind: 'delete'; name: string };

/** The page around its content, with Back and any other `actions`. */
const SecretsLayout = (props: { actions?: ReactNode; children: ReactNode }) => {
  const paths = useAiComponentsPaths();
  return (
    <Content>
      <ContentHeader
        title="Secrets"
        description="API keys and other credentials that components reference by name with secretRef. Values are encrypted at rest and never shown."
      >
        <Stack direction="row" spacing={1}>
          <Button component={RouterLink} href={paths.marketplace()}>
            Back
          </Button>
          {props.actions}
        </Stack>
      </ContentHeader>
      {props.children}
    </Content>
  );
};

/**
 * The list of secrets with its dialogs, for those allowed to manage them;
 * `dialog` is the open one.
 */
const SecretsManager = (props: {
  dialog?: OpenDialog;
  setDialog(dialog?: OpenDialog): void;
}) => {
  const { dialog, setDialog } = props;
  const api = useApi(aiComponentsApiRef);
  // The last list stays shown while it reloads.
  const secrets = useAsyncRetry(() => api.listSecrets(), [api]);
  const [notice, setNotice] = useState<string>();

  const closeAndReload = (message: string) => {
    setDialog(undefined);
    setNotice(message);
    secrets.retry();
  };

  const items = secrets.value ?? [];

  let content;
  if (secrets.error) {
    content = <ResponseErrorPanel error={secrets.error} />;
  } else if (!secrets.value) {
    content = <Progress />;
  } else if (items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No secrets yet"
        description='Model components reference a secret by name in secretRef, e.g. "secretRef": "openai-api-key" in their runtime config, so API keys never appear in a component. Add one here; its value is stored encrypted and never shown again.'
      />
    );
  } else {
    content = (
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Secrets">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Updated</TableCell>
              <TableCell>Updated by</TableCell>
              <TableCell align="right">Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(secret => (
              <TableRow key={secret.name} hover>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {secret.name}
                </TableCell>
                <TableCell>
                  <Owner owner={secret.owner} />
                </TableCell>
                <TableCell sx={noWrap}>
                  <time dateTime={secret.updatedAt}>
                    {new Date(secret.updatedAt).toLocaleString()}
                  </time>
                </TableCell>
                <TableCell>
                  <Actor actor={secret.updatedBy} />
                </TableCell>
                <TableCell align="right" sx={noWrap}>
                  {secret.manageable ? (
                    <Stack
                      direction="row"
                      spacing={1}
                      justifyContent="flex-end"
                    >
                      <Button
                        size="small"
                        startIcon={<KeyIcon />}
                        aria-label={`Replace value of ${secret.name}`}
                        onClick={() =>
                          setDialog({
                            kind: 'replace',
                            name: secret.name,
                            owner: secret.owner,
                          })
                        }
                      >
                        Replace value
                      </Button>
                      <Button
                        size="small"
                        color="error"
                        startIcon={<DeleteIcon />}
                        aria-label={`Delete ${secret.name}`}
                        onClick={() =>
                          setDialog({ kind: 'delete', name: secret.name })
                        }
                      >
                        Delete
                      </Button>
                    </Stack>
                  ) : (
                    <Typography variant="body2" color="text.secondary">
                      {secret.owner
                        ? 'Managed by its owner'
                        : 'Managed by admins'}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    );
  }

  return (
    <>
      {notice && (
        <Alert
          severity="success"
          onClose={() => setNotice(undefined)}
          sx={{ mb: 2 }}
        >
          {notice}
        </Alert>
      )}
      {content}
      {(dialog?.kind === 'add' || dialog?.kind === 'replace') && (
        <SecretDialog
          name={dialog.kind === 'replace' ? dialog.name : undefined}
          owner={dialog.kind === 'replace' ? dialog.owner : undefined}
          existingNames={items.map(secret => secret.name)}
          onClose={() => setDialog(undefined)}
          onSaved={stored =>
            closeAndReload(
              dialog.kind === 'replace'
                ? `Replaced the value of ${stored.name}.`
                : `Saved secret ${stored.name}.`,
            )
          }
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteSecretDialog
          name={dialog.name}
          onClose={() => setDialog(undefined)}
          onDeleted={() => closeAndReload(`Deleted secret ${dialog.name}.`)}
        />
      )}
    </>
  );
};

/**
 * The secrets (API keys and other credentials) that runtime configs
 * reference by name with `secretRef`: their names, owners (or shared) and
 * when and by whom they were last stored (values are write-only), with Add
 * secret, and Replace value and Delete on those the user may change. Shown only to those with `ai-components.secret.manage`; others
 * are told they may not manage secrets, and nothing is requested.
 *
 * @public
 */
export const SecretsPage = () => {
  const permission = usePermission({
    permission: aiComponentSecretManagePermission,
  });
  const [dialog, setDialog] = useState<OpenDialog>();

  let content;
  if (permission.loading) {
    content = <Progress />;
  } else if (!permission.allowed) {
    content = (
      <Alert severity="warning">
        You may not manage AI component secrets. Ask an administrator for the
        ai-components.secret.manage permission.
      </Alert>
    );
  } else {
    content = <SecretsManager dialog={dialog} setDialog={setDialog} />;
  }

  return (
    <SecretsLayout
      actions={
        permission.allowed && (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setDialog({ kind: 'add' })}
          >
            Add secret
          </Button>
        )
      }
    >
      {content}
    </SecretsLayout>
  );
};
