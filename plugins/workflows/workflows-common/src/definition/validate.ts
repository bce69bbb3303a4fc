import {
  WorkflowDocument,
  WorkflowStep,
  workflowDocumentSchema,
} from './model';
import {
  EXPRESSION_ROOTS,
  ExpressionReference,
  findExpressions,
  isWholeExpression,
  parseExpression,
  referencesOf,
} from './expressions';
import { ancestorsOf, findCycle, StepGraph } from './graph';
import {
  describeType,
  jsonTypeOf,
  schemaAtPath,
  typesCompatible,
} from './schemaTypes';

/** @public */
export interface WorkflowIssue {
  severity: 'error' | 'warning';
  /** A stable identifier of the check, e.g. `cycle`, `unknown-component`. */
  code: string;
  /** Dotted path into the document, e.g. `spec.steps[2].with.messages`. */
  path: string;
  /** The step the issue belongs to, when it belongs to one. */
  stepId?: string;
  /** The field of that step, e.g. `needs`, `with.messages`, `if`. */
  field?: string;
  /** Offset inside the string value, for expression errors. */
  position?: number;
  message: string;
}

/** What the validator may know about a referenced component. @public */
export interface ComponentInfo {
  type?: string;
  inputSchema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  /** True when the component was deleted from the registry. */
  deleted?: boolean;
}

/** @public */
export interface WorkflowValidationContext {
  /**
   * Known components by entity ref. When given, a ref missing from it is an
   * error; when absent, component refs are not checked.
   */
  components?: ReadonlyMap<string, ComponentInfo>;
  /** Known workflows by entity ref, checked the same way. */
  workflows?: ReadonlyMap<string, { inputSchema?: Record<string, unknown> }>;
  /** The ref of the workflow being validated, to refuse self-calls. */
  selfRef?: string;
}

/** @public */
export interface WorkflowValidationResult {
  valid: boolean;
  issues: WorkflowIssue[];
  /** The parsed document, when it passed the schema. */
  document?: WorkflowDocument;
}

type LooseStep = Partial<WorkflowStep> & Record<string, unknown>;

const stepPath = (index: number, field?: string) =>
  `spec.steps[${index}]${field ? `.${field}` : ''}`;

const gotoOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' && typeof (value as any).goto === 'string'
    ? (value as any).goto
    : undefined;

/** Steps a step may jump to, with the field that names each. */
function jumpsOf(step: LooseStep): Array<{ field: string; target: string }> {
  const jumps: Array<{ field: string; target: string }> = [];
  const push = (field: string, value: unknown) => {
    const target = gotoOf(value);
    if (target) jumps.push({ field, target });
  };
  push('onError.goto', step.onError);
  push('approval.onTimeout.goto', (step.approval as any)?.onTimeout);
  push('approval.onReject.goto', (step.approval as any)?.onReject);
  return jumps;
}

/** A condition that is a literal false value: the step can never run. */
const hasConstantFalseCondition = (step: LooseStep | undefined) =>
  typeof step?.if === 'string' &&
  /^\s*\$\{\{\s*(false|0|null|"")\s*\}\}\s*$/.test(step.if);

const stringList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];

/**
 * Validates a workflow document: the schema, then the graph (unique ids,
 * `needs` and jump targets, cycles, unreachable steps), every `${{ }}`
 * expression (JSONata syntax with position, the names it reads), component and
 * sub-workflow refs and, where the components' schemas allow it, the types of
 * each input mapping. Every issue names the step and field it is about.
 *
 * @public
 */
export function validateWorkflowDocument(
  raw: unknown,
  context: WorkflowValidationContext = {},
): WorkflowValidationResult {
  const issues: WorkflowIssue[] = [];
  const rawSteps: unknown[] = Array.isArray((raw as any)?.spec?.steps)
    ? (raw as any).spec.steps
    : [];
  const idAt = (index: number) => {
    const id = (rawSteps[index] as any)?.id;
    return typeof id === 'string' ? id : undefined;
  };

  const parsed = workflowDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path
        .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');
      const inStep =
        issue.path[0] === 'spec' &&
        issue.path[1] === 'steps' &&
        typeof issue.path[2] === 'number';
      const stepId = inStep ? idAt(issue.path[2] as number) : undefined;
      const field = inStep
        ? issue.path.slice(3).map(String).join('.') || undefined
        : undefined;
      issues.push({
        severity: 'error',
        code: 'schema',
        path: path || '(document)',
        stepId,
        field,
        message: `${stepId ? `step '${stepId}' ` : ''}${field ?? path}: ${
          issue.message
        }`,
      });
    }
  }

  const steps: LooseStep[] = rawSteps.filter(
    (s): s is LooseStep =>
      !!s && typeof s === 'object' && typeof (s as any).id === 'string',
  );
  const indexOf = new Map<string, number>();
  rawSteps.forEach((s, index) => {
    const id = (s as any)?.id;
    if (typeof id !== 'string') return;
    if (indexOf.has(id)) {
      issues.push({
        severity: 'error',
        code: 'duplicate-id',
        path: stepPath(index, 'id'),
        stepId: id,
        field: 'id',
        message: `step '${id}' id: the id is already used by spec.steps[${indexOf.get(
          id,
        )}]`,
      });
    } else {
      indexOf.set(id, index);
    }
  });

  const add = (
    step: LooseStep,
    field: string,
    code: string,
    message: string,
    position?: number,
  ) =>
    issues.push({
      severity: 'error',
      code,
      path: stepPath(rawSteps.indexOf(step), field),
      stepId: step.id,
      field,
      position,
      message: `step '${step.id}' ${field}: ${message}`,
    });

  // Graph: needs and jumps.
  const needs = new Map<string, string[]>();
  const runOrder: StepGraph = new Map();
  for (const id of indexOf.keys()) runOrder.set(id, []);
  const jumpTargets = new Map<string, string[]>();
  for (const step of steps) {
    // A duplicate's references are checked too, but only the first step
    // with an id takes part in the graph.
    const first = indexOf.get(step.id!) === rawSteps.indexOf(step);
    const own: string[] = [];
    stringList(step.needs).forEach((need, i) => {
      if (need === step.id) {
        add(step, `needs[${i}]`, 'self-need', 'a step cannot need itself');
      } else if (!indexOf.has(need)) {
        add(
          step,
          `needs[${i}]`,
          'unknown-need',
          `needs unknown step '${need}'`,
        );
      } else if (first) {
        own.push(need);
        runOrder.get(need)!.push(step.id!);
      }
    });
    if (!first) continue;
    needs.set(step.id!, own);
    for (const jump of jumpsOf(step)) {
      if (!indexOf.has(jump.target)) {
        add(
          step,
          jump.field,
          'unknown-goto',
          `goes to unknown step '${jump.target}'`,
        );
      } else if (jump.target === step.id) {
        add(step, jump.field, 'self-goto', 'a step cannot go to itself');
      } else {
        runOrder.get(step.id!)!.push(jump.target);
        jumpTargets.set(jump.target, [
          ...(jumpTargets.get(jump.target) ?? []),
          step.id!,
        ]);
      }
    }
  }
  const cycle = findCycle(runOrder);
  if (cycle) {
    const first = steps.find(s => s.id === cycle[0])!;
    add(
      first,
      'needs',
      'cycle',
      `the steps form a cycle: ${cycle.join(
        ' -> ',
      )} (each runs after the one before it, through needs or goto)`,
    );
  }

  const ancestors = cycle ? undefined : ancestorsOf(needs);
  const inputSchema = (raw as any)?.spec?.input as
    | Record<string, unknown>
    | undefined;
  const components = new Map<string, ComponentInfo | undefined>();

  // Component and workflow refs.
  for (const step of steps) {
    if (typeof step.component === 'string' && context.components) {
      const info = context.components.get(step.component);
      if (!info) {
        add(
          step,
          'component',
          'unknown-component',
          `unknown component '${step.component}'`,
        );
      } else if (info.deleted) {
        add(
          step,
          'component',
          'deleted-component',
          `component '${step.component}' was deleted`,
        );
      }
      components.set(step.id!, info);
    }
    if (typeof step.workflow === 'string') {
      const ref = step.workflow.replace(/@[^@]+$/, '');
      if (context.selfRef && ref === context.selfRef) {
        add(
          step,
          'workflow',
          'self-call',
          'a workflow cannot run itself as a sub-workflow',
        );
      } else if (context.workflows && !context.workflows.has(ref)) {
        add(step, 'workflow', 'unknown-workflow', `unknown workflow '${ref}'`);
      }
    }
    if (step.forEach && step.approval) {
      add(step, 'forEach', 'foreach-approval', 'an approval step cannot loop');
    }
  }

  // Expressions.
  const checkString = (
    step: LooseStep | undefined,
    field: string,
    value: string,
    options: { whole?: boolean; inForEach?: boolean },
  ): ExpressionReference[] => {
    const report = (code: string, message: string, position?: number) => {
      if (step) add(step, field, code, message, position);
      else
        issues.push({
          severity: 'error',
          code,
          path: `spec.${field}`,
          field,
          position,
          message: `${field}: ${message}`,
        });
    };
    const found = findExpressions(value);
    if (!Array.isArray(found)) {
      report('expression-syntax', found.message, found.position);
      return [];
    }
    if (options.whole && !isWholeExpression(value)) {
      report('expression-required', 'must be a single ${{ }} expression');
      return [];
    }
    const refs: ExpressionReference[] = [];
    for (const expr of found) {
      const result = parseExpression(expr.source);
      if ('error' in result) {
        report(
          'expression-syntax',
          `${result.error.message} (at position ${
            expr.offset + result.error.position
          })`,
          expr.offset + result.error.position,
        );
        continue;
      }
      for (const ref of referencesOf(result.ast)) {
        const position = expr.offset + ref.position;
        if (!(EXPRESSION_ROOTS as readonly string[]).includes(ref.root)) {
          report(
            'expression-name',
            `'${ref.root}' is not defined: expressions read input, steps.<id>.output, item and index (at position ${position})`,
            position,
          );
        } else if (
          (ref.root === 'item' || ref.root === 'index') &&
          !options.inForEach
        ) {
          report(
            'expression-name',
            `'${ref.root}' exists only in a step with forEach (at position ${position})`,
            position,
          );
        } else if (ref.root === 'steps') {
          if (!ref.stepId) {
            report(
              'expression-name',
              `read one step as steps.<id>.output (at position ${position})`,
              position,
            );
          } else if (!indexOf.has(ref.stepId)) {
            report(
              'expression-step',
              `reads unknown step '${ref.stepId}' (at position ${position})`,
              position,
            );
          } else if (ref.path[0] !== undefined && ref.path[0] !== 'output') {
            report(
              'expression-step',
              `only steps.${ref.stepId}.output can be read, not '${ref.path[0]}' (at position ${position})`,
              position,
            );
          } else if (
            step &&
            ancestors &&
            !ancestors.get(step.id!)?.has(ref.stepId)
          ) {
            report(
              'expression-order',
              `reads steps.${ref.stepId} but '${ref.stepId}' is not among the steps it needs, so it may not have run (at position ${position})`,
              position,
            );
          }
        }
        refs.push(ref);
      }
    }
    return refs;
  };

  const walkMapping = (
    step: LooseStep | undefined,
    prefix: string,
    value: unknown,
    inForEach: boolean,
  ) => {
    if (typeof value === 'string')
      checkString(step, prefix, value, { inForEach });
    else if (Array.isArray(value))
      value.forEach((v, i) =>
        walkMapping(step, `${prefix}[${i}]`, v, inForEach),
      );
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value))
        walkMapping(step, `${prefix}.${k}`, v, inForEach);
    }
  };

  const typeOfReference = (
    ref: ExpressionReference,
  ): Record<string, unknown> | undefined => {
    if (ref.root === 'input') return schemaAtPath(inputSchema, ref.path);
    if (ref.root === 'steps' && ref.stepId && ref.path[0] === 'output') {
      return schemaAtPath(
        components.get(ref.stepId)?.outputSchema,
        ref.path.slice(1),
      );
    }
    return undefined;
  };

  for (const step of steps) {
    const inForEach = !!step.forEach;
    if (typeof step.if === 'string')
      checkString(step, 'if', step.if, { whole: true, inForEach });
    const items = (step.forEach as any)?.items;
    if (typeof items === 'string')
      checkString(step, 'forEach.items', items, { whole: true });
    const message = (step.approval as any)?.message;
    if (typeof message === 'string')
      checkString(step, 'approval.message', message, { inForEach });

    const mapping =
      step.with && typeof step.with === 'object' && !Array.isArray(step.with)
        ? step.with
        : undefined;
    if (mapping) walkMapping(step, 'with', mapping, inForEach);

    // Types of the mapping against the component's input schema.
    const info = components.get(step.id!);
    const target = info?.inputSchema;
    if (target && typeof target === 'object') {
      const properties = (target.properties ?? {}) as Record<
        string,
        Record<string, unknown>
      >;
      for (const required of stringList(target.required)) {
        if (!mapping || !(required in mapping)) {
          add(
            step,
            `with.${required}`,
            'missing-input',
            `required by the input schema of '${step.component}' but not mapped`,
          );
        }
      }
      for (const [key, value] of Object.entries(mapping ?? {})) {
        const expected = properties[key];
        if (!expected) {
          if (target.additionalProperties === false) {
            add(
              step,
              `with.${key}`,
              'unknown-input',
              `'${step.component}' has no input '${key}'`,
            );
          }
          continue;
        }
        let actual: Record<string, unknown> | undefined;
        let described = 'the value';
        if (typeof value === 'string' && isWholeExpression(value)) {
          const found = findExpressions(value) as Array<{ source: string }>;
          const result = parseExpression(found[0].source);
          const ast = 'ast' in result ? (result.ast as any) : undefined;
          if (
            ast?.type === 'path' &&
            ast.steps.every((s: any) => s.type === 'name' && !s.stages)
          ) {
            const [ref] = referencesOf(ast);
            actual = ref ? typeOfReference(ref) : undefined;
            described = found[0].source.trim();
          }
        } else if (
          typeof value === 'string' &&
          Array.isArray(findExpressions(value)) &&
          (findExpressions(value) as unknown[]).length
        ) {
          actual = { type: 'string' };
          described = 'the text template';
        } else {
          actual = { type: jsonTypeOf(value) };
        }
        if (actual && !typesCompatible(actual, expected)) {
          add(
            step,
            `with.${key}`,
            'type-mismatch',
            `'${step.component}' expects ${describeType(
              expected,
            )} but ${described} is ${describeType(actual)}`,
          );
        }
      }
    }
  }

  const output = (raw as any)?.spec?.output;
  if (output && typeof output === 'object')
    walkMapping(undefined, 'output', output, false);

  // Reachability: a step runs when its needs can run, its condition is not
  // always false and, for a goto target, some step can jump to it.
  if (!cycle) {
    // The first step with an id is the one in the graph (see duplicate ids).
    const stepById = new Map<string, LooseStep>();
    for (const step of steps) {
      if (!stepById.has(step.id!)) stepById.set(step.id!, step);
    }
    const reachable = new Map<string, boolean>();
    const isReachable = (id: string, seen: Set<string>): boolean => {
      if (reachable.has(id)) return reachable.get(id)!;
      if (seen.has(id)) return false;
      seen.add(id);
      const alwaysFalse = hasConstantFalseCondition(stepById.get(id));
      const needsOk = (needs.get(id) ?? []).every(n => isReachable(n, seen));
      const jumpers = jumpTargets.get(id);
      const jumpOk = !jumpers || jumpers.some(j => isReachable(j, seen));
      const result = !alwaysFalse && needsOk && jumpOk;
      reachable.set(id, result);
      return result;
    };
    for (const step of steps) {
      if (indexOf.get(step.id!) !== rawSteps.indexOf(step)) continue;
      if (!isReachable(step.id!, new Set())) {
        let why = 'a step it needs can never run';
        if (hasConstantFalseCondition(step)) {
          why = 'its condition is always false';
        } else if (
          jumpTargets.has(step.id!) &&
          !jumpTargets.get(step.id!)!.some(j => reachable.get(j))
        ) {
          why =
            'it runs only when jumped to, and no step that jumps to it can run';
        }
        add(step, 'needs', 'unreachable', `the step can never run: ${why}`);
      }
    }
  }

  const valid = issues.every(i => i.severity !== 'error');
  return {
    valid,
    issues,
    document: parsed.success ? (parsed.data as WorkflowDocument) : undefined,
  };
}

/** Every component and workflow ref a document names, to resolve before validating. @public */
export function referencedRefs(raw: unknown): {
  components: string[];
  workflows: string[];
} {
  const steps: LooseStep[] = Array.isArray((raw as any)?.spec?.steps)
    ? (raw as any).spec.steps
    : [];
  const components = new Set<string>();
  const workflows = new Set<string>();
  for (const step of steps) {
    if (typeof step?.component === 'string') components.add(step.component);
    if (typeof step?.workflow === 'string')
      workflows.add(step.workflow.replace(/@[^@]+$/, ''));
  }
  return { components: [...components], workflows: [...workflows] };
}
