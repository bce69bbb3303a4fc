import {
  fieldOfMessage,
  parseTriggerInput,
  runsOf,
  triggerInputOf,
  webhookCurl,
  webhookUrl,
} from './triggers';

const base = {
  id: '22222222-2222-4222-8222-222222222222',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'user:default/alice',
};

describe('triggerInputOf', () => {
  it('keeps what a schedule is and drops what the API only answers', () => {
    expect(
      triggerInputOf(
        {
          ...base,
          type: 'schedule',
          cron: '0 9 * * *',
          timezone: 'Europe/Berlin',
          label: 'production',
          input: { a: 1 },
          enabled: true,
        },
        { enabled: false },
      ),
    ).toEqual({
      type: 'schedule',
      cron: '0 9 * * *',
      timezone: 'Europe/Berlin',
      label: 'production',
      input: { a: 1 },
      enabled: false,
    });
  });

  it('sends a fixed version rather than a label, and no nulls', () => {
    expect(
      triggerInputOf({
        ...base,
        type: 'webhook',
        version: 3,
        label: null as unknown as string,
        cron: null as unknown as string,
        enabled: true,
      }),
    ).toEqual({ type: 'webhook', version: 3, enabled: true });
  });
});

describe('webhooks', () => {
  it('are called at the executions backend', () => {
    expect(webhookUrl('http://h/api/executions/', 'abc')).toBe(
      'http://h/api/executions/webhooks/abc',
    );
  });

  it('are called with the secret as a bearer token', () => {
    expect(webhookCurl('http://h/w/1', "it's")).toBe(
      [
        "curl -X POST 'http://h/w/1'",
        "  -H 'Authorization: Bearer it'\\''s'",
        "  -H 'Content-Type: application/json'",
        "  -d '{}'",
      ].join(' \\\n'),
    );
  });
});

describe('parseTriggerInput', () => {
  it('takes empty text as no input and a JSON object as the input', () => {
    expect(parseTriggerInput('  ')).toEqual({});
    expect(parseTriggerInput('{"a": [1]}')).toEqual({ input: { a: [1] } });
  });

  it('names the field when the text is not a JSON object', () => {
    expect(parseTriggerInput('{a')).toEqual({
      error: expect.stringMatching(/^input: not valid JSON \(.+\)$/),
    });
    expect(parseTriggerInput('[1]')).toEqual({
      error: expect.stringMatching(/^input: must be a JSON object/),
    });
    expect(parseTriggerInput('null')).toEqual({
      error: expect.stringMatching(/^input: must be a JSON object/),
    });
  });
});

describe('messages', () => {
  it('name their field', () => {
    expect(fieldOfMessage("cron: '* *' is not a cron expression")).toBe('cron');
    expect(fieldOfMessage("You may not update 'aiworkflow:x/y'")).toBe(
      undefined,
    );
  });

  it('say what a trigger runs', () => {
    expect(runsOf({ version: 2 })).toBe('version 2');
    expect(runsOf({ label: 'staging' })).toBe('label staging');
    expect(runsOf({})).toBe('label production');
  });
});
