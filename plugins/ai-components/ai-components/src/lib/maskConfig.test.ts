import { MASKED_VALUE, maskRuntimeConfig } from './maskConfig';

describe('maskRuntimeConfig', () => {
  it('shows secret references by name and masks secret-looking values', () => {
    expect(
      maskRuntimeConfig({
        model: 'gpt-4o-mini',
        secretRef: 'openai-api-key',
        apiKey: 'sk-123',
        headers: { 'X-Auth-Token': 'abc', accept: 'application/json' },
        nested: [{ password: 'hunter2' }],
        clientSecret: '',
        temperature: 0.2,
      }),
    ).toEqual({
      model: 'gpt-4o-mini',
      secretRef: 'secret: openai-api-key',
      apiKey: MASKED_VALUE,
      headers: { 'X-Auth-Token': MASKED_VALUE, accept: 'application/json' },
      nested: [{ password: MASKED_VALUE }],
      clientSecret: '',
      temperature: 0.2,
    });
  });
});
