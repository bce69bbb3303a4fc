import {
  startOpenAiCompatibleServer,
  OpenAiCompatibleServer,
} from '../__testUtils__/openAiCompatibleServer';
import { startMcpServer } from '../__testUtils__/mcpServer';
import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

const API_KEY = 'sk-local-test-key-0123456789';
const MCP_TOKEN = 'mcp-token-abcdef';

describe('openai-agent', () => {
  let llm: OpenAiCompatibleServer;
  let mcp: Awaited<ReturnType<typeof startMcpServer>>;
  const invoker = createTestInvoker({
    'openai-key': API_KEY,
    'mcp-token': MCP_TOKEN,
  });

  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer({ apiKey: API_KEY });
    mcp = await startMcpServer({ token: MCP_TOKEN });
  });
  afterAll(async () => {
    await llm.close();
    await mcp.close();
  });
  beforeEach(() => {
    llm.requests.length = 0;
    mcp.calls.splice(0);
  });

  const searchTool = {
    name: 'search_kb',
    description: 'Searches the knowledge base',
    parameters: {
      type: 'object',
      required: ['query'],
      properties: { query: { type: 'string' }, limit: { type: 'integer' } },
    },
    runtime: {
      type: 'mcp-tool',
      config: {
        url: '',
        tool: 'search',
        headers: { Authorization: 'Bearer {{ secret:mcp-token }}' },
      },
    },
  };
  const agent = (config: object = {}) =>
    component('openai-agent', {
      baseUrl: llm.baseUrl,
      secretRef: 'openai-key',
      model: 'gpt-4o-mini',
      systemPrompt: 'Answer from the knowledge base.',
      tools: [
        {
          ...searchTool,
          runtime: {
            ...searchTool.runtime,
            config: { ...searchTool.runtime.config, url: `${mcp.url}/mcp` },
          },
        },
        {
          name: 'shout',
          description: 'Upper-cases a text',
          runtime: {
            type: 'jsonata',
            config: { expression: '{ "text": $uppercase(text) }' },
          },
        },
      ],
      ...config,
    });

  it('calls the tools the model asks for, gives it their results, and returns its answer', async () => {
    llm.chatReply = ({ messages }) => {
      const last = messages[messages.length - 1] as any;
      if (last.role === 'user') {
        return {
          toolCalls: [
            { name: 'search_kb', arguments: '{"query":"reset","limit":1}' },
            { name: 'shout', arguments: '{"text":"ok"}' },
          ],
        };
      }
      const results = messages.filter(m => m.role === 'tool');
      return `Found: ${results.map(m => m.content).join(' | ')}`;
    };
    const result = await invoker.invoke(agent(), {
      prompt: 'How do I reset my password?',
    });
    expect(result.output).toEqual({
      content: 'Found: {"hits":[{"title":"reset #1"}]} | {"text":"OK"}',
      turns: 2,
      toolCalls: [
        { name: 'search_kb', arguments: { query: 'reset', limit: 1 } },
        { name: 'shout', arguments: { text: 'ok' } },
      ],
    });
    // Two model calls, their tokens added up (the tools called no model).
    expect(llm.requests).toHaveLength(2);
    expect(result.usage!.inputTokens).toBeGreaterThan(0);
    expect(result.usage!.outputTokens).toBeGreaterThan(0);
    expect(result.model).toBe('gpt-4o-mini-2024-07-18');
    expect(result.costUsd).toBeGreaterThan(0);
    // The model saw the tools as functions, and the tool results by call id.
    const [first, second] = llm.requests.map(r => r.body);
    expect(first.tools.map((t: any) => t.function.name)).toEqual([
      'search_kb',
      'shout',
    ]);
    expect(first.tools[1].function.parameters).toEqual({ type: 'object' });
    expect(first.messages[0]).toEqual({
      role: 'system',
      content: 'Answer from the knowledge base.',
    });
    expect(second.messages.slice(-3).map((m: any) => m.role)).toEqual([
      'assistant',
      'tool',
      'tool',
    ]);
    expect(second.messages[3].tool_call_id).toBe(
      second.messages[2].tool_calls[0].id,
    );
    expect(mcp.calls).toEqual([
      { name: 'search', arguments: { query: 'reset', limit: 1 } },
    ]);
  });

  it("prices a tool's model calls at the tool's model, not the agent's", async () => {
    const summarizer = (model: string) => ({
      name: 'summarize',
      description: 'Summarizes a text with another model',
      runtime: {
        type: 'openai-chat',
        config: { baseUrl: llm.baseUrl, secretRef: 'openai-key', model },
      },
    });
    llm.chatReply = ({ model, messages }) => {
      if (model !== 'per-call-small') return 'A short summary';
      const last = messages[messages.length - 1] as any;
      return last.role === 'user'
        ? { toolCalls: [{ name: 'summarize', arguments: '{"prompt":"x"}' }] }
        : 'Done';
    };
    // Two turns of the agent at 0.01 a call, one of the tool's at 0.5.
    const result = await invoker.invoke(
      agent({ model: 'per-call-small', tools: [summarizer('per-call-large')] }),
      { prompt: 'Summarize' },
    );
    expect(result.output).toMatchObject({ content: 'Done', turns: 2 });
    expect(llm.requests.map(r => r.body.model)).toEqual([
      'per-call-small',
      'per-call-large',
      'per-call-small',
    ]);
    expect(result).toMatchObject({
      costUsd: 0.52,
      priced: true,
      model: 'per-call-small-2024-07-18',
    });
    // The tokens are those of all three calls: a tool call (5), the
    // summary (3 words) and the answer (1).
    expect(result.usage.outputTokens).toBe(5 + 3 + 1);

    // A tool's model without a price leaves the result unpriced.
    const unpriced = await invoker.invoke(
      agent({ model: 'per-call-small', tools: [summarizer('mystery')] }),
      { prompt: 'Summarize' },
    );
    expect(unpriced).toMatchObject({ costUsd: 0.02, priced: false });
  });

  it('tells the model about bad arguments and unknown tools instead of failing', async () => {
    llm.chatReply = ({ messages }) => {
      const last = messages[messages.length - 1] as any;
      if (last.role === 'user') {
        return {
          toolCalls: [
            { name: 'search_kb', arguments: '{"limit":"many"}' },
            { name: 'delete_everything', arguments: '{}' },
            { name: 'shout', arguments: 'not json' },
          ],
        };
      }
      return messages
        .filter(m => m.role === 'tool')
        .map(m => m.content)
        .join('\n');
    };
    const { output } = await invoker.invoke(agent(), { prompt: 'go' });
    const lines = (output as { content: string }).content.split('\n');
    expect(lines[0]).toMatch(/^\{"error":"Invalid arguments for search_kb: /);
    expect(lines[0]).toMatch(/query/);
    expect(lines[1]).toBe('{"error":"No tool named \'delete_everything\'"}');
    expect(lines[2]).toMatch(/must be a JSON object/);
    expect(mcp.calls).toEqual([]);
  });

  it('fails when the model keeps calling tools past maxTurns', async () => {
    llm.chatReply = () => ({
      toolCalls: [{ name: 'shout', arguments: '{"text":"again"}' }],
    });
    const error = await rejection(
      invoker.invoke(agent({ maxTurns: 3 }), { prompt: 'loop' }),
    );
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false });
    expect(error.message).toMatch(/after 3 turns \(maxTurns\)/);
    expect(llm.requests).toHaveLength(3);
  });

  it('fails on a misconfigured tool rather than asking the model again', async () => {
    llm.chatReply = () => ({
      toolCalls: [{ name: 'broken', arguments: '{}' }],
    });
    const error = await rejection(
      invoker.invoke(
        agent({
          tools: [
            {
              name: 'broken',
              description: 'A tool whose runtime is not installed',
              runtime: { type: 'no-such-runtime' },
            },
          ],
        }),
        { prompt: 'x' },
      ),
    );
    expect(error).toMatchObject({ code: 'UnknownRuntime' });
    expect(llm.requests).toHaveLength(1);
  });

  it('checks its tools when the component is saved, naming the tool at fault', () => {
    const config = (runtime: object) =>
      ({
        type: 'openai-agent',
        config: {
          model: 'gpt-4o-mini',
          tools: [
            {
              name: 'ok',
              description: 'x',
              runtime: { type: 'jsonata', config: { expression: '1' } },
            },
            { name: 'bad', description: 'y', runtime },
          ],
        },
      } as any);
    expect(() =>
      invoker.validateRuntimeConfig(
        config({ type: 'http', config: { url: 'ftp://x' } }),
      ),
    ).toThrow(
      /^runtime\.config\/tools\/1\/runtime\.config\/url must match pattern/,
    );
    expect(() =>
      invoker.validateRuntimeConfig(config({ type: 'no-such-runtime' })),
    ).toThrow(
      /^runtime\.config\/tools\/1\/runtime\.type: no runtime of type 'no-such-runtime'/,
    );
    expect(() =>
      invoker.validateRuntimeConfig(
        config({
          type: 'mcp-tool',
          config: { url: 'http://127.0.0.1/mcp', tool: 't' },
        }),
      ),
    ).not.toThrow();
  });

  it('refuses a config without tools, naming the field', async () => {
    const error = await rejection(
      invoker.invoke(agent({ tools: [] }), { prompt: 'x' }),
    );
    expect(error).toMatchObject({ code: 'InvalidConfig' });
    expect(error.message).toMatch(/tools/);
  });
});
