import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { JsonField } from './JsonField';

const Harness = (props: { error?: string }) => {
  const [value, setValue] = useState('{}');
  return (
    <JsonField
      label="Config"
      value={value}
      onChange={setValue}
      objectOnly
      error={props.error}
      helperText="A JSON object"
    />
  );
};

describe('JsonField', () => {
  it('shows parse errors inline as the text changes', async () => {
    await renderInTestApp(<Harness />);
    const field = screen.getByRole('textbox', { name: 'Config' });
    expect(screen.getByText('A JSON object')).toBeInTheDocument();
    fireEvent.change(field, { target: { value: '{"a": ' } });
    expect(screen.getByText(/^Not valid JSON/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(field, { target: { value: '[]' } });
    expect(
      screen.getByText('Must be a JSON object, e.g. {}'),
    ).toBeInTheDocument();
    fireEvent.change(field, { target: { value: '{"a": 1}' } });
    expect(field).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows a message from elsewhere', async () => {
    await renderInTestApp(<Harness error="runtime.config: bad" />);
    expect(screen.getByText('runtime.config: bad')).toBeInTheDocument();
  });
});
