import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

describe('prompt-template', () => {
  const invoker = createTestInvoker({});

  it('fills a text template', async () => {
    const { output } = await invoker.invoke(
      component('prompt-template', {
        template: 'Summarise for {{ user.name }} in {{user.lang}}: {{ tags }}',
      }),
      { user: { name: 'Ada', lang: 'English' }, tags: ['a', 'b'] },
    );
    expect(output).toEqual({ text: 'Summarise for Ada in English: ["a","b"]' });
  });

  it('fills chat messages', async () => {
    const { output } = await invoker.invoke(
      component('prompt-template', {
        messages: [
          {
            role: 'system',
            content:
              'Label the ticket as one of: bug, billing, question, spam.',
          },
          { role: 'user', content: '{{ text }}' },
        ],
      }),
      { text: 'The app crashes on start' },
    );
    expect(output).toEqual({
      messages: [
        {
          role: 'system',
          content: 'Label the ticket as one of: bug, billing, question, spam.',
        },
        { role: 'user', content: 'The app crashes on start' },
      ],
    });
  });

  it('names a variable the input lacks', async () => {
    const error = await rejection(
      invoker.invoke(
        component('prompt-template', { template: 'Hi {{ name }}' }),
        {},
      ),
    );
    expect(error).toMatchObject({ code: 'InvalidConfig', retryable: false });
    expect(error.message).toBe(
      "prompt-template: the input has no value for the placeholder '{{ name }}'",
    );
  });

  it('needs exactly one of template and messages', () => {
    expect(() =>
      invoker.validateRuntimeConfig({ type: 'prompt-template', config: {} }),
    ).toThrow('runtime.config must match exactly one schema in oneOf');
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'prompt-template',
        config: { template: 'a', messages: [{ role: 'user', content: 'b' }] },
      }),
    ).toThrow('runtime.config must match exactly one schema in oneOf');
  });
});
