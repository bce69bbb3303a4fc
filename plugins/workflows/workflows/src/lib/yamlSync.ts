import {
  parseWorkflowYaml,
  stringifyWorkflowYaml,
  WorkflowYamlError,
  type WorkflowDocument,
} from '@ai-ops/plugin-workflows-common';
import { isRecord } from './objects';

/** Why YAML text cannot become the editor's document. */
export interface YamlProblem {
  message: string;
  line?: number;
  column?: number;
}

/** The YAML text of the editor's document, in its canonical form. */
export function documentToYaml(document: WorkflowDocument): string {
  return stringifyWorkflowYaml(document);
}

/**
 * Reads YAML text as the editor's document. Syntax errors carry line and
 * column; text that parses but has no shape the graph can show (no
 * `spec.steps` list, a step without a string id) is refused with the path at
 * fault. Everything else, valid or not, becomes the document and is left to
 * the validator.
 */
export function yamlToDocument(
  text: string,
): { document: WorkflowDocument } | { problem: YamlProblem } {
  let raw: unknown;
  try {
    raw = parseWorkflowYaml(text);
  } catch (e) {
    if (e instanceof WorkflowYamlError) {
      return {
        problem: { message: e.message, line: e.line, column: e.column },
      };
    }
    return { problem: { message: e instanceof Error ? e.message : String(e) } };
  }
  const shape = (message: string) => ({
    problem: { message: `Not a workflow document: ${message}` },
  });
  if (!isRecord(raw)) return shape('the text must be a mapping');
  if (!isRecord(raw.metadata)) return shape('metadata must be a mapping');
  if (!isRecord(raw.spec)) return shape('spec must be a mapping');
  const steps = raw.spec.steps ?? [];
  if (!Array.isArray(steps)) return shape('spec.steps must be a list');
  for (const [index, step] of steps.entries()) {
    if (!isRecord(step)) return shape(`spec.steps[${index}] must be a mapping`);
    if (typeof step.id !== 'string' || step.id === '') {
      return shape(`spec.steps[${index}].id must be a string`);
    }
  }
  return {
    document: { ...raw, spec: { ...raw.spec, steps } } as WorkflowDocument,
  };
}
