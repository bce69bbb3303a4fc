import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SchemaView } from './SchemaView';

describe('SchemaView', () => {
  it('shows the properties in a table and the raw JSON', async () => {
    const schema = {
      type: 'object',
      required: ['question'],
      properties: {
        question: { type: 'string', description: 'Asked by the user' },
        context: { type: 'object', properties: { lang: { type: 'string' } } },
      },
    };
    await renderInTestApp(<SchemaView title="Input schema" schema={schema} />);
    const table = screen.getByRole('table', {
      name: 'Input schema properties',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-path'))).toEqual([
      'question',
      'context',
      'context.lang',
    ]);
    expect(within(rows[0]).getByText('required')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Asked by the user')).toBeInTheDocument();
    expect(screen.getByText('Type: object')).toBeInTheDocument();
    expect(screen.getByTestId('input-schema-json').textContent).toBe(
      JSON.stringify(schema, null, 2),
    );
  });

  it('says when a schema accepts anything', async () => {
    await renderInTestApp(<SchemaView title="Output schema" schema={{}} />);
    expect(screen.getByText('Accepts any JSON value')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
