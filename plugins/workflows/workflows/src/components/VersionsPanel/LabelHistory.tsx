import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { WorkflowLabelEventDto } from '@ai-ops/plugin-workflows-common';

const version = (v: number | null) => (v === null ? '—' : `v${v}`);

/** Every move of a label, newest first. */
export const LabelHistory = (props: { events: WorkflowLabelEventDto[] }) => {
  const { events } = props;
  return (
    <>
      <Typography variant="subtitle1" component="h3">
        Label history
      </Typography>
      {events.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No label has been set yet.
        </Typography>
      ) : (
        <Table size="small" aria-label="Label history">
          <TableHead>
            <TableRow>
              <TableCell>Label</TableCell>
              <TableCell>Moved</TableCell>
              <TableCell>When</TableCell>
              <TableCell>By</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((event, index) => (
              <TableRow key={`${event.label}-${event.movedAt}-${index}`}>
                <TableCell>{event.label}</TableCell>
                <TableCell>
                  {event.version === null
                    ? `removed from ${version(event.previousVersion)}`
                    : `${version(event.previousVersion)} → ${version(
                        event.version,
                      )}`}
                </TableCell>
                <TableCell>
                  {new Date(event.movedAt).toLocaleString()}
                </TableCell>
                <TableCell>{event.movedBy ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};
