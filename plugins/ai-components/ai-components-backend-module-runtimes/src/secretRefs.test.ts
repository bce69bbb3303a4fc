/*
 * Which secrets each built-in runtime's config names, through the invoker
 * as the save-time check asks (nested runtimes included): the console
 * refuses a component that names another owner's secret.
 */
import { createTestInvoker } from './__testUtils__/invoker';
import { headerSecretRefs, secretRefField } from './lib/secretRefs';

const invoker = createTestInvoker({});

describe('secret references', () => {
  it('finds secretRef in the OpenAI-compatible runtimes and the judge of an evaluator', () => {
    for (const type of ['openai-chat', 'openai-embeddings']) {
      expect(
        invoker.secretRefs({
          type,
          config: { baseUrl: 'http://x', model: 'm', secretRef: 'openai-key' },
        }),
      ).toEqual([{ path: 'runtime.config/secretRef', name: 'openai-key' }]);
    }
    expect(
      invoker.secretRefs({
        type: 'evaluator',
        config: {
          method: 'llm-judge',
          judge: { baseUrl: 'http://x', model: 'm', secretRef: 'judge-key' },
        },
      }),
    ).toEqual([{ path: 'runtime.config/judge/secretRef', name: 'judge-key' }]);
    expect(
      invoker.secretRefs({ type: 'jsonata', config: { expression: '$' } }),
    ).toEqual([]);
  });

  it("finds {{ secret:NAME }} in headers, and an agent's tools' secrets at their place", () => {
    expect(
      invoker.secretRefs({
        type: 'openai-agent',
        config: {
          baseUrl: 'http://x',
          model: 'm',
          secretRef: 'model-key',
          tools: [
            {
              name: 'search',
              description: 'Searches',
              parameters: { type: 'object' },
              runtime: {
                type: 'http',
                config: {
                  url: 'http://kb/search',
                  headers: {
                    Authorization: 'Bearer {{ secret:kb-token }}',
                    'X-Both': '{{ secret:a }}/{{ secret:b }} {{ query }}',
                  },
                },
              },
            },
            {
              name: 'issues',
              description: 'Lists issues',
              parameters: { type: 'object' },
              runtime: {
                type: 'mcp-tool',
                config: {
                  url: 'http://mcp/mcp',
                  tool: 'list_issues',
                  headers: { 'a/b~c': '{{ secret:gh-token }}' },
                },
              },
            },
          ],
        },
      }),
    ).toEqual([
      { path: 'runtime.config/secretRef', name: 'model-key' },
      {
        path: 'runtime.config/tools/0/runtime.config/headers/Authorization',
        name: 'kb-token',
      },
      {
        path: 'runtime.config/tools/0/runtime.config/headers/X-Both',
        name: 'a',
      },
      {
        path: 'runtime.config/tools/0/runtime.config/headers/X-Both',
        name: 'b',
      },
      {
        path: 'runtime.config/tools/1/runtime.config/headers/a~1b~0c',
        name: 'gh-token',
      },
    ]);
  });

  it('reads nothing where nothing is set', () => {
    expect(secretRefField(undefined)).toEqual([]);
    expect(secretRefField({ secretRef: '' })).toEqual([]);
    expect(headerSecretRefs({})).toEqual([]);
    expect(headerSecretRefs({ headers: { A: 'plain {{ input }}' } })).toEqual(
      [],
    );
  });
});
