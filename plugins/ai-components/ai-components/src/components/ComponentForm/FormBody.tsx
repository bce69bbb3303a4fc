import { FormEvent, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { RouterLink, useAppNavigate } from '@backstage/frontend-plugin-api';
import {
  AI_COMPONENT_TYPES,
  type AiComponent,
  type AiComponentRuntimeType,
} from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef, errorMessage } from '../../api';
import { exampleInput } from '@ai-ops/plugin-workflows-common';
import { useAiComponentsPaths } from '../../lib/paths';
import { JsonField } from '../JsonField';
import {
  fieldOfServerMessage,
  FormErrors,
  FormField,
  FormValues,
  toRequest,
} from './formModel';

/** Props of {@link FormBody}. */
export interface FormBodyProps {
  initial: FormValues;
  runtimes: AiComponentRuntimeType[];
  existing?: AiComponent;
}

/**
 * The fields of the component form with their inline messages; submits a
 * create or (with `existing`) an update and then opens the component page.
 */
export const FormBody = (props: FormBodyProps) => {
  const { initial, runtimes, existing } = props;
  const mode = existing ? 'update' : 'create';
  const api = useApi(aiComponentsApiRef);
  const navigate = useAppNavigate();
  const paths = useAiComponentsPaths();
  const [values, setValues] = useState(initial);
  const [configPrefill, setConfigPrefill] = useState(initial.runtimeConfig);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  // The server's refusal; `field` is the field it names until that changes.
  const [server, setServer] = useState<{
    field?: FormField;
    message: string;
  }>();

  const { body, errors: localErrors } = toRequest(values, mode, existing);
  const errors: FormErrors = submitted ? { ...localErrors } : {};
  if (server?.field && server.field !== 'form' && !errors[server.field]) {
    errors[server.field] = server.message;
  }

  const set = (field: keyof FormValues) => (value: string) => {
    setValues(v => ({ ...v, [field]: value }));
    if (server?.field === field)
      setServer(s => s && { ...s, field: undefined });
  };
  const input = (field: keyof FormValues) => ({
    value: values[field],
    onChange: (e: { target: { value: string } }) => set(field)(e.target.value),
    error: !!errors[field],
    fullWidth: true,
  });

  const selectRuntime = (type: string) => {
    set('runtimeType')(type);
    const schema = runtimes.find(r => r.type === type)?.configSchema;
    if (schema && values.runtimeConfig.trim() === configPrefill.trim()) {
      const next = JSON.stringify(exampleInput(schema), null, 2);
      setConfigPrefill(next);
      setValues(v => ({ ...v, runtimeType: type, runtimeConfig: next }));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServer(undefined);
    if (Object.keys(localErrors).length > 0) return;
    setSaving(true);
    try {
      const saved = existing
        ? await api.updateComponent(existing, body)
        : await api.createComponent(body);
      navigate(paths.component(saved));
    } catch (error) {
      const message = errorMessage(error);
      setServer({ field: fieldOfServerMessage(message), message });
      setSaving(false);
    }
  };

  const runtime = runtimes.find(r => r.type === values.runtimeType);
  const runtimeOptions =
    values.runtimeType && !runtime
      ? [
          ...runtimes,
          {
            type: values.runtimeType,
            title: `${values.runtimeType} (not installed)`,
          },
        ]
      : runtimes;
  const submitLabel = existing ? 'Save new version' : 'Register';
  const invalidCount = submitted ? Object.keys(localErrors).length : 0;

  return (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      aria-label={existing ? 'Edit component' : 'Register component'}
    >
      {server && (
        <Alert severity="error" sx={{ mb: 2 }} role="alert">
          The server refused the component: {server.message}
        </Alert>
      )}
      {invalidCount > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          Fix the {invalidCount === 1 ? 'field' : `${invalidCount} fields`}{' '}
          marked below.
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          {existing ? (
            <TextField
              label="Name"
              value={`${existing.namespace}/${existing.name}`}
              disabled
              fullWidth
            />
          ) : (
            <TextField
              {...input('name')}
              label="Name"
              required
              helperText={
                errors.name ??
                'Lowercase letters and digits, separated by -, _ or .; cannot change later'
              }
            />
          )}
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            {...input('title')}
            label="Title"
            helperText={errors.title ?? 'Shown instead of the name'}
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            {...input('description')}
            label="Description"
            multiline
            minRows={2}
            helperText={errors.description}
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <TextField
            {...input('type')}
            select
            label="Type"
            required
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            helperText={errors.type}
          >
            <option value="">Choose a type</option>
            {AI_COMPONENT_TYPES.map(t => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} md={4}>
          <TextField
            {...input('owner')}
            label="Owner"
            required
            helperText={errors.owner ?? 'Entity ref, e.g. group:default/team-a'}
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <TextField
            {...input('lifecycle')}
            label="Lifecycle"
            required
            helperText={
              errors.lifecycle ?? 'e.g. experimental, production, deprecated'
            }
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            {...input('tags')}
            label="Tags"
            helperText={
              errors.tags ?? 'Separated by commas, e.g. support, classification'
            }
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            {...input('version')}
            label="Version label"
            helperText={
              errors.version ?? 'e.g. 1.2.0; the revision number when empty'
            }
          />
        </Grid>
        {existing && (
          <Grid item xs={12}>
            <TextField
              {...input('changeNote')}
              label="Change note"
              helperText={errors.changeNote ?? 'What this version changes'}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <TextField
            {...input('runtimeType')}
            onChange={e => selectRuntime(e.target.value)}
            select
            label="Runtime type"
            required
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            helperText={
              errors.runtimeType ??
              runtime?.description ??
              'How the component is called'
            }
          >
            <option value="">Choose a runtime</option>
            {runtimeOptions.map(r => (
              <option key={r.type} value={r.type}>
                {r.title} ({r.type})
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12}>
          <JsonField
            label="Runtime config"
            value={values.runtimeConfig}
            onChange={set('runtimeConfig')}
            objectOnly
            error={errors.runtimeConfig}
            helperText={
              <>
                JSON object;{' '}
                <Link component={RouterLink} href={paths.secrets()}>
                  reference secrets by name
                </Link>{' '}
                (e.g. secretRef), never inline them
              </>
            }
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <JsonField
            label="Input schema"
            value={values.inputSchema}
            onChange={set('inputSchema')}
            objectOnly
            required
            minRows={8}
            error={errors.inputSchema}
            helperText="JSON Schema of the input"
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <JsonField
            label="Output schema"
            value={values.outputSchema}
            onChange={set('outputSchema')}
            objectOnly
            required
            minRows={8}
            error={errors.outputSchema}
            helperText="JSON Schema of the output"
          />
        </Grid>
        {errors.form && (
          <Grid item xs={12}>
            <Alert severity="error">{errors.form}</Alert>
          </Grid>
        )}
        <Grid item xs={12}>
          <Stack direction="row" spacing={2}>
            <Button type="submit" variant="contained" disabled={saving}>
              {saving ? 'Saving…' : submitLabel}
            </Button>
            <Button
              component={RouterLink}
              href={existing ? paths.component(existing) : paths.marketplace()}
            >
              Cancel
            </Button>
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
};
