import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { isRecord } from '../../lib/objects';
import { MappingRow } from './MappingRow';

/** What the editor knows of the schema a mapping fills. */
export interface MappingSchema {
  properties?: Record<string, unknown>;
  required?: unknown;
}

/** Props of {@link MappingEditor}. */
export interface MappingEditorProps {
  title: string;
  /** The text of the button that adds an entry, e.g. "Add input". */
  addLabel: string;
  value: Record<string, unknown> | undefined;
  /** Called with undefined when the last entry is removed. */
  onChange(value: Record<string, unknown> | undefined): void;
  /** Its properties are listed even before they are mapped. */
  schema?: MappingSchema;
  readOnly?: boolean;
}

/** The schema of a property, or undefined for names the schema lacks. */
const propertySchema = (properties: Record<string, unknown>, name: string) => {
  if (!(name in properties)) return undefined;
  const schema = properties[name];
  return isRecord(schema) ? schema : {};
};

const unusedName = (taken: string[]) => {
  for (let n = 1; ; n++) {
    if (!taken.includes(`key${n}`)) return `key${n}`;
  }
};

/**
 * A mapping from names to values or `${{ }}` expressions (a step's `with`,
 * the workflow's `output`), as rows. The properties of a schema are listed
 * first, required ones marked, so the inputs a component expects are plain
 * to see.
 */
export const MappingEditor = (props: MappingEditorProps) => {
  const { title, schema, readOnly } = props;
  const value = props.value ?? {};
  const properties = isRecord(schema?.properties) ? schema!.properties : {};
  const required = Array.isArray(schema?.required)
    ? (schema!.required as unknown[]).filter(
        (r): r is string => typeof r === 'string',
      )
    : [];
  const names = [
    ...Object.keys(properties),
    ...Object.keys(value).filter(k => !(k in properties)),
  ];
  const emit = (next: Record<string, unknown>) =>
    props.onChange(Object.keys(next).length ? next : undefined);

  const setValue = (name: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[name];
    else next[name] = v;
    emit(next);
  };
  const rename = (from: string, to: string) =>
    emit(
      Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k === from ? to : k, v]),
      ),
    );

  return (
    <Box component="section" aria-label={title} mt={1}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      {names.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          Nothing mapped yet.
        </Typography>
      )}
      {names.map(name => (
        <MappingRow
          key={name}
          name={name}
          value={value[name]}
          schema={propertySchema(properties, name)}
          required={required.includes(name)}
          readOnly={readOnly}
          otherNames={names.filter(n => n !== name)}
          onChange={v => setValue(name, v)}
          onRename={to => rename(name, to)}
          onRemove={() => setValue(name, undefined)}
        />
      ))}
      {!readOnly && (
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() => setValue(unusedName(names), '')}
        >
          {props.addLabel}
        </Button>
      )}
    </Box>
  );
};
