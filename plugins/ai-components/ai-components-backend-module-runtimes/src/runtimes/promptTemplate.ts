import {
  ComponentRuntime,
  RuntimeError,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { toText } from '../lib/json';
import { renderString, resolveInputPath } from '../lib/template';

const TYPE = 'prompt-template';

/**
 * Config schema of the `prompt-template` runtime: exactly one of `template`
 * and `messages`.
 *
 * @public
 */
export const promptTemplateConfigSchema: JsonObject = {
  type: 'object',
  additionalProperties: false,
  oneOf: [{ required: ['template'] }, { required: ['messages'] }],
  properties: {
    template: {
      type: 'string',
      description: 'Text with {{ name }} placeholders; the output is { text }.',
    },
    messages: {
      type: 'array',
      minItems: 1,
      description:
        'Chat messages whose content has {{ name }} placeholders; the output is { messages }.',
      items: {
        type: 'object',
        required: ['role', 'content'],
        additionalProperties: false,
        properties: {
          role: { type: 'string', minLength: 1 },
          content: { type: 'string' },
        },
      },
    },
  },
};

function render(template: string, input: JsonValue): string {
  return renderString(template, placeholder => {
    if (placeholder.kind === 'secret') {
      throw new RuntimeError(
        'InvalidConfig',
        `${TYPE}: a prompt cannot contain a secret ({{ secret:${placeholder.name} }})`,
      );
    }
    return toText(resolveInputPath(TYPE, input, placeholder.path));
  });
}

/**
 * Creates the `prompt-template` runtime: fills `{{ name }}` placeholders
 * (dotted paths into the input) in a text or in chat messages. A placeholder
 * the input has no value for is `InvalidConfig` naming it.
 *
 * @public
 */
export function createPromptTemplateRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'Prompt template',
    description:
      'Fills {{ name }} placeholders from the input into a template (output { text }) or chat messages (output { messages }).',
    configSchema: promptTemplateConfigSchema,
    async invoke({ config, input }): Promise<RuntimeResult> {
      if (typeof config.template === 'string') {
        return { output: { text: render(config.template, input) } };
      }
      const messages = (config.messages as JsonObject[]).map(message => ({
        role: message.role as string,
        content: render(message.content as string, input),
      }));
      return { output: { messages } };
    },
  };
}
