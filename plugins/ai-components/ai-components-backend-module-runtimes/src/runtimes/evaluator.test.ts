import {
  startOpenAiCompatibleServer,
  OpenAiCompatibleServer,
} from '../__testUtils__/openAiCompatibleServer';
import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

const API_KEY = 'sk-judge-key';

describe('evaluator', () => {
  const invoker = createTestInvoker({ 'judge-key': API_KEY });
  const evaluate = (config: object, input: object) =>
    invoker.invoke(component('evaluator', config as any), input as any);

  describe('exact', () => {
    it('scores equal values 1 and different ones 0', async () => {
      await expect(
        evaluate({ method: 'exact' }, { actual: 'bug', expected: 'bug' }),
      ).resolves.toMatchObject({
        output: { score: 1, passed: true, reason: 'actual equals expected' },
        costUsd: 0,
      });
      await expect(
        evaluate({ method: 'exact' }, { actual: 'Bug ', expected: 'bug' }),
      ).resolves.toMatchObject({
        output: { score: 0, passed: false, reason: 'expected bug but got Bug' },
      });
    });

    it('honours trim and caseSensitive', async () => {
      await expect(
        evaluate(
          { method: 'exact', trim: true, caseSensitive: false },
          { actual: ' Bug\n', expected: 'bug' },
        ),
      ).resolves.toMatchObject({ output: { score: 1, passed: true } });
    });

    it('compares JSON values structurally', async () => {
      await expect(
        evaluate(
          { method: 'exact' },
          { actual: { b: [1, 2], a: 1 }, expected: { a: 1, b: [1, 2] } },
        ),
      ).resolves.toMatchObject({ output: { score: 1 } });
    });

    it('needs actual and expected', async () => {
      const error = await rejection(
        evaluate({ method: 'exact' }, { actual: 'x' }),
      );
      expect(error).toMatchObject({
        code: 'InputSchemaMismatch',
        retryable: false,
      });
    });
  });

  it('regex: tests the pattern with its flags', async () => {
    const config = { method: 'regex', pattern: '^(bug|billing)$', flags: 'i' };
    await expect(evaluate(config, { actual: 'BUG' })).resolves.toMatchObject({
      output: { score: 1, passed: true },
    });
    await expect(evaluate(config, { actual: 'spam' })).resolves.toMatchObject({
      output: {
        score: 0,
        passed: false,
        reason: 'does not match /^(bug|billing)$/i',
      },
    });
  });

  it('json-schema: validates actual against the schema', async () => {
    const config = {
      method: 'json-schema',
      schema: {
        type: 'object',
        required: ['label'],
        properties: { label: { type: 'string' } },
      },
    };
    await expect(
      evaluate(config, { actual: { label: 'bug' } }),
    ).resolves.toMatchObject({
      output: { score: 1, passed: true },
    });
    await expect(
      evaluate(config, { actual: { label: 3 } }),
    ).resolves.toMatchObject({
      output: { score: 0, passed: false, reason: '/label must be string' },
    });
  });

  it('validates its config per method', () => {
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'evaluator',
        config: { method: 'regex' },
      }),
    ).toThrow("runtime.config must have required property 'pattern'");
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'evaluator',
        config: { method: 'regex', pattern: '(unclosed' },
      }),
    ).toThrow('runtime.config/pattern must match format "regex"');
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'evaluator',
        config: { method: 'json-schema', schema: { type: 'strnig' } },
      }),
    ).toThrow(/runtime\.config\/schema\/type must/);
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'evaluator',
        config: { method: 'llm-judge', judge: { baseUrl: 'http://x' } },
      }),
    ).toThrow("runtime.config/judge must have required property 'model'");
  });

  describe('llm-judge', () => {
    let server: OpenAiCompatibleServer;

    beforeAll(async () => {
      server = await startOpenAiCompatibleServer({ apiKey: API_KEY });
    });
    afterAll(() => server.close());

    const judgeConfig = () => ({
      method: 'llm-judge',
      rubric: 'The label names the right category.',
      threshold: 0.7,
      judge: {
        baseUrl: server.baseUrl,
        model: 'gpt-4o-mini',
        secretRef: 'judge-key',
      },
    });

    it('asks the judge with the rubric and returns its score, reason and usage', async () => {
      server.chatReply = () =>
        '{"score": 0.8, "reason": "The label matches the crash report."}';
      const result = await evaluate(judgeConfig(), {
        task: 'Label: the app crashes',
        expected: 'bug',
        actual: 'bug',
      });
      const request = server.requests[server.requests.length - 1];
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(request.body).toMatchObject({
        model: 'gpt-4o-mini',
        temperature: 0,
        response_format: { type: 'json_object' },
      });
      expect(request.body.messages[0].role).toBe('system');
      expect(request.body.messages[1]).toEqual({
        role: 'user',
        content: [
          'Rubric:\nThe label names the right category.',
          'Task:\nLabel: the app crashes',
          'Expected answer:\nbug',
          'Answer to grade:\nbug',
        ].join('\n\n'),
      });
      expect(result).toMatchObject({
        output: {
          score: 0.8,
          passed: true,
          reason: 'The label matches the crash report.',
        },
        model: 'gpt-4o-mini-2024-07-18',
      });
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.costUsd).toBeGreaterThan(0);
    });

    it('reads a fenced verdict when the judge answers in text mode', async () => {
      server.chatReply = () =>
        'Verdict:\n```json\n{"score": 1, "reason": "Exact category."}\n```';
      const config = judgeConfig();
      const result = await evaluate(
        { ...config, judge: { ...config.judge, responseFormat: 'text' } },
        { actual: 'bug' },
      );
      expect(
        server.requests[server.requests.length - 1].body,
      ).not.toHaveProperty('response_format');
      expect(result.output).toEqual({
        score: 1,
        passed: true,
        reason: 'Exact category.',
      });
    });

    it('fails below the threshold', async () => {
      server.chatReply = () => '{"score": 0.4, "reason": "Wrong category."}';
      await expect(
        evaluate(judgeConfig(), { actual: 'spam', expected: 'bug' }),
      ).resolves.toMatchObject({ output: { score: 0.4, passed: false } });
    });

    it('classifies an answer without a valid score as InvalidResponse', async () => {
      server.chatReply = () => '{"score": 7}';
      const error = await rejection(evaluate(judgeConfig(), { actual: 'x' }));
      expect(error).toMatchObject({
        code: 'InvalidResponse',
        retryable: false,
      });
    });

    it("propagates the judge's provider errors", async () => {
      const config = judgeConfig();
      config.judge.model = 'rate-limited';
      const error = await rejection(evaluate(config, { actual: 'x' }));
      expect(error).toMatchObject({ code: 'RateLimited', retryable: true });
    });
  });
});
