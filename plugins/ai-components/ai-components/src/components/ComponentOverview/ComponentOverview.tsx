import { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AiComponent } from '@ai-ops/plugin-ai-components-common';
import { SourceBadge } from '../SourceBadge';

/**
 * Props of {@link ComponentOverview}.
 *
 * @public
 */
export interface ComponentOverviewProps {
  component: AiComponent;
}

const when = (at: string, by?: string) =>
  `${new Date(at).toLocaleString()}${by ? ` by ${by}` : ''}`;

const Field = (props: { label: string; children: ReactNode }) => (
  <>
    <Box component="dt" sx={{ color: 'text.secondary', typography: 'body2' }}>
      {props.label}
    </Box>
    <Box component="dd" sx={{ m: 0, typography: 'body2' }}>
      {props.children}
    </Box>
  </>
);

/**
 * The facts about a component: description, type, owner, lifecycle, tags,
 * version, who changed it when, and where it is managed.
 *
 * @public
 */
export const ComponentOverview = (props: ComponentOverviewProps) => {
  const { component } = props;
  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby="overview-title"
    >
      <CardHeader
        title="Overview"
        titleTypographyProps={{
          variant: 'h6',
          component: 'h2',
          id: 'overview-title',
        }}
      />
      <CardContent>
        {component.description && (
          <Typography variant="body1" paragraph>
            {component.description}
          </Typography>
        )}
        <Box
          component="dl"
          sx={{
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            columnGap: 3,
            rowGap: 1,
            m: 0,
          }}
        >
          <Field label="Name">
            {component.namespace}/{component.name}
          </Field>
          <Field label="Type">{component.type}</Field>
          <Field label="Owner">
            <EntityRefLink entityRef={component.owner} defaultKind="group" />
          </Field>
          <Field label="Lifecycle">{component.lifecycle}</Field>
          <Field label="Tags">
            {component.tags.length === 0 ? (
              '—'
            ) : (
              <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
                {component.tags.map(tag => (
                  <Chip key={tag} size="small" label={tag} />
                ))}
              </Stack>
            )}
          </Field>
          <Field label="Version">
            {component.version} (revision {component.latestRevision})
          </Field>
          {component.system && (
            <Field label="System">
              <EntityRefLink
                entityRef={component.system}
                defaultKind="system"
              />
            </Field>
          )}
          <Field label="Updated">
            {when(component.updatedAt, component.updatedBy)}
          </Field>
          <Field label="Created">
            {when(component.createdAt, component.createdBy)}
          </Field>
          <Field label="Source">
            {component.readOnly ? (
              <SourceBadge component={component} showLocation />
            ) : (
              'Managed in this console'
            )}
          </Field>
        </Box>
      </CardContent>
    </Card>
  );
};
