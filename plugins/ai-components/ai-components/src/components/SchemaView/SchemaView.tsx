import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { describeSchemaType, schemaToRows } from '../../lib/schemaRows';

/**
 * Props of {@link SchemaView}.
 *
 * @public
 */
export interface SchemaViewProps {
  /** e.g. "Input schema". */
  title: string;
  schema: unknown;
}

/**
 * A JSON Schema made readable: a table of its properties (name, type,
 * whether required, description; nested objects indented) and the raw JSON.
 *
 * @public
 */
export const SchemaView = (props: SchemaViewProps) => {
  const { title, schema } = props;
  const rows = schemaToRows(schema);
  const isEmpty =
    typeof schema === 'object' &&
    schema !== null &&
    Object.keys(schema).length === 0;
  const id = title.toLocaleLowerCase('en-US').replace(/\W+/g, '-');

  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby={`${id}-title`}
    >
      <CardHeader
        title={title}
        titleTypographyProps={{
          variant: 'h6',
          component: 'h2',
          id: `${id}-title`,
        }}
        subheader={
          isEmpty
            ? 'Accepts any JSON value'
            : `Type: ${describeSchemaType(schema)}`
        }
      />
      <CardContent>
        {rows.length > 0 && (
          <Box sx={{ overflowX: 'auto', mb: 2 }}>
            <Table size="small" aria-label={`${title} properties`}>
              <TableHead>
                <TableRow>
                  <TableCell>Property</TableCell>
                  <TableCell>Type</TableCell>
                  <TableCell>Required</TableCell>
                  <TableCell>Description</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(row => (
                  <TableRow key={row.path} data-path={row.path}>
                    <TableCell sx={{ pl: 2 + row.depth * 3 }}>
                      <Box component="code" sx={{ fontFamily: 'monospace' }}>
                        {row.name}
                      </Box>
                    </TableCell>
                    <TableCell>
                      <Box component="code" sx={{ fontFamily: 'monospace' }}>
                        {row.type}
                      </Box>
                    </TableCell>
                    <TableCell>
                      {row.required ? 'required' : 'optional'}
                    </TableCell>
                    <TableCell>{row.description ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
        <Accordion disableGutters variant="outlined">
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">
              Raw JSON of the {title.toLocaleLowerCase('en-US')}
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <Box
              component="pre"
              sx={{ m: 0, overflowX: 'auto', fontSize: '0.8rem' }}
              data-testid={`${id}-json`}
            >
              {JSON.stringify(schema, null, 2)}
            </Box>
          </AccordionDetails>
        </Accordion>
      </CardContent>
    </Card>
  );
};
