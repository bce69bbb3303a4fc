import { useState } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import type { DefinitionStep } from '../../lib/definition';
import { TimelineRow } from './TimelineRow';

/** Rows per page of the timeline. */
export const TIMELINE_PAGE_SIZES = [50, 100, 250];

/**
 * The steps of the run in the order of the definition, a page at a time, so
 * that runs with thousands of steps stay fast: only the rows of the page are
 * rendered, and each follows its own step in the run store.
 */
export const Timeline = (props: {
  steps: DefinitionStep[];
  onSelect(stepId: string): void;
}) => {
  const { steps, onSelect } = props;
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(TIMELINE_PAGE_SIZES[0]);
  const shown = steps.slice(page * pageSize, (page + 1) * pageSize);
  return (
    <>
      <Table size="small" aria-label="Timeline">
        <TableHead>
          <TableRow>
            <TableCell>Step</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Attempt</TableCell>
            <TableCell align="right">Iterations</TableCell>
            <TableCell>Started</TableCell>
            <TableCell align="right">Latency</TableCell>
            <TableCell align="right">Cost</TableCell>
            <TableCell>Tokens</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(step => (
            <TimelineRow key={step.id} step={step} onSelect={onSelect} />
          ))}
        </TableBody>
      </Table>
      {steps.length > TIMELINE_PAGE_SIZES[0] && (
        <TablePagination
          component="div"
          count={steps.length}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={TIMELINE_PAGE_SIZES}
          onPageChange={(_e, next) => setPage(next)}
          onRowsPerPageChange={e => {
            setPageSize(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
    </>
  );
};
