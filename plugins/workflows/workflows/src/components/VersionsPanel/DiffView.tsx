import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { WorkflowDiffDto } from '@ai-ops/plugin-workflows-common';

type FieldChange = WorkflowDiffDto['spec'][number];

const show = (value: unknown) =>
  value === undefined ? '' : JSON.stringify(value, null, 2);

const Value = (props: { value: unknown }) => (
  <Box
    component="pre"
    m={0}
    style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}
  >
    {show(props.value)}
  </Box>
);

const ChangesTable = (props: { label: string; changes: FieldChange[] }) => (
  <Table size="small" aria-label={props.label}>
    <TableHead>
      <TableRow>
        <TableCell>Field</TableCell>
        <TableCell>Change</TableCell>
        <TableCell>Before</TableCell>
        <TableCell>After</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.changes.map(change => (
        <TableRow key={change.path}>
          <TableCell>
            <code>{change.path}</code>
          </TableCell>
          <TableCell>{change.kind}</TableCell>
          <TableCell>
            <Value value={change.before} />
          </TableCell>
          <TableCell>
            <Value value={change.after} />
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const StepList = (props: { title: string; ids: string[] }) =>
  props.ids.length ? (
    <Box mb={1}>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        {props.ids.map(id => (
          <Chip key={id} size="small" label={id} />
        ))}
      </Box>
    </Box>
  ) : null;

/** Props of {@link DiffView}. */
export interface DiffViewProps {
  diff: WorkflowDiffDto;
}

/**
 * What changed between two versions: metadata and spec fields, steps
 * added and removed, and each changed step field by field.
 */
export const DiffView = (props: DiffViewProps) => {
  const { diff } = props;
  return (
    <Box
      component="section"
      aria-label={`Changes from version ${diff.from} to ${diff.to}`}
      data-testid="version-diff"
    >
      <Typography variant="subtitle1" component="h3">
        Version {diff.from} → version {diff.to}
      </Typography>
      {diff.identical && (
        <Typography variant="body2" role="status">
          The documents of these versions are the same.
        </Typography>
      )}
      {diff.metadata.length > 0 && (
        <ChangesTable label="Metadata changes" changes={diff.metadata} />
      )}
      {diff.spec.length > 0 && (
        <ChangesTable label="Workflow changes" changes={diff.spec} />
      )}
      <StepList title="Steps added" ids={diff.steps.added} />
      <StepList title="Steps removed" ids={diff.steps.removed} />
      {diff.steps.reordered && (
        <Typography variant="body2">The steps are in another order.</Typography>
      )}
      {diff.steps.changed.map(step => (
        <Box key={step.id} mt={1}>
          <Typography variant="subtitle2" component="h4">
            Step {step.id} changed
          </Typography>
          <ChangesTable
            label={`Changes of step ${step.id}`}
            changes={step.changes}
          />
        </Box>
      ))}
    </Box>
  );
};
