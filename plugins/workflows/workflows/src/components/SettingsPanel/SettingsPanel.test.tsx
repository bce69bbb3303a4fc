import { useReducer } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { documentFixture } from '../../__testUtils__';
import { workflowReducer } from '../../lib/model';
import { SettingsPanel } from './SettingsPanel';

const Editable = (props: { seen: WorkflowDocument[]; isNew: boolean }) => {
  const [doc, dispatch] = useReducer(workflowReducer, documentFixture());
  props.seen.push(doc);
  return (
    <SettingsPanel document={doc} dispatch={dispatch} isNew={props.isNew} />
  );
};

describe('SettingsPanel', () => {
  it('edits the settings of the workflow', async () => {
    const seen: WorkflowDocument[] = [];
    const user = userEvent.setup();
    await renderInTestApp(<Editable seen={seen} isNew={false} />);
    const last = () => seen[seen.length - 1];

    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAttribute(
      'readonly',
    );
    await user.type(
      screen.getByRole('textbox', { name: 'Tags' }),
      'support, triage',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Lifecycle' }),
      'production',
    );
    await user.type(
      screen.getByRole('textbox', { name: 'Budget: max cost (USD)' }),
      '1.5',
    );
    await user.type(
      screen.getByRole('textbox', { name: 'Concurrency limit' }),
      '4',
    );
    const input = screen.getByRole('textbox', { name: 'Input schema' });
    fireEvent.change(input, { target: { value: '{"type": "object"' } });
    expect(screen.getByText(/^Not JSON/)).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '{"type": "object"}' } });

    await user.click(screen.getByRole('button', { name: 'Add output' }));
    const value = screen.getByRole('textbox', { name: 'Value of key1' });
    await user.click(value);
    await user.paste('${{ steps.classify.output. }}');
    expect(screen.getByText(/^JSONata error at position/)).toBeInTheDocument();

    expect(last().metadata.tags).toEqual(['support', 'triage']);
    expect(last().spec).toMatchObject({
      lifecycle: 'production',
      budget: { maxCostUsd: 1.5 },
      concurrency: { limit: 4 },
      input: { type: 'object' },
      output: { key1: '${{ steps.classify.output. }}' },
    });
  });

  it('lets a new workflow be named', async () => {
    const seen: WorkflowDocument[] = [];
    const user = userEvent.setup();
    await renderInTestApp(<Editable seen={seen} isNew />);
    const name = screen.getByRole('textbox', { name: /^Name/ });
    await user.clear(name);
    await user.type(name, 'my-flow');
    expect(seen[seen.length - 1].metadata.name).toBe('my-flow');
  });
});
