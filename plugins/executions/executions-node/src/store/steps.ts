import { InputError } from '@backstage/errors';
import type {
  EvaluationScore,
  StepAttemptRecord,
  StepStatus,
} from '@ai-ops/plugin-executions-common';
import { Knex } from 'knex';
import { AttemptRow, toAttempt, toIsoString } from './rows';

/** A page of a run's attempts in start order. @public */
export interface AttemptPage {
  items: StepAttemptRecord[];
  nextCursor?: string;
}

/** A step of a run with a page of its iterations. @public */
export interface StepIterationsPage {
  stepId: string;
  componentRef?: string;
  /** Summary of the latest attempt of every iteration. */
  status: StepStatus;
  iterationCount: number;
  /** Over every attempt of every iteration. */
  costUsd: number;
  tokens: { inputTokens: number; outputTokens: number };
  startedAt?: string;
  finishedAt?: string;
  iterations: Array<{
    iteration: number;
    status: StepStatus;
    attempts: StepAttemptRecord[];
  }>;
  nextCursor?: string;
}

interface AttemptCursor {
  startedAt: string;
  stepId: string;
  iteration: number;
  attempt: number;
}

const encode = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

function decode<T>(raw: string, valid: (value: any) => boolean): T {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (parsed && valid(parsed)) return parsed as T;
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor: not a cursor returned by this API');
}

const ATTEMPT_ORDER = [
  { column: 'started_at', order: 'asc' },
  { column: 'step_id', order: 'asc' },
  { column: 'iteration', order: 'asc' },
  { column: 'attempt', order: 'asc' },
] as const;

/**
 * A page of a run's attempts ordered by (started_at, step_id, iteration,
 * attempt), continued after the position a cursor encodes (keyset paging,
 * so a page costs the same deep into a run with thousands of steps).
 */
export async function pageAttempts(
  db: Knex,
  executionId: string,
  options: { limit: number; cursor?: string },
): Promise<AttemptPage> {
  const query = db<AttemptRow>('step_attempts').where({
    execution_id: executionId,
  });
  if (options.cursor) {
    const c = decode<AttemptCursor>(
      options.cursor,
      v =>
        typeof v.startedAt === 'string' &&
        !Number.isNaN(Date.parse(v.startedAt)) &&
        typeof v.stepId === 'string' &&
        Number.isInteger(v.iteration) &&
        Number.isInteger(v.attempt),
    );
    const at = new Date(c.startedAt);
    query.where(b =>
      b
        .where('started_at', '>', at)
        .orWhere(b1 =>
          b1
            .where('started_at', '=', at)
            .andWhere(b2 =>
              b2
                .where('step_id', '>', c.stepId)
                .orWhere(b3 =>
                  b3
                    .where('step_id', '=', c.stepId)
                    .andWhere(b4 =>
                      b4
                        .where('iteration', '>', c.iteration)
                        .orWhere(b5 =>
                          b5
                            .where('iteration', '=', c.iteration)
                            .andWhere('attempt', '>', c.attempt),
                        ),
                    ),
                ),
            ),
        ),
    );
  }
  const rows = await query.orderBy([...ATTEMPT_ORDER]).limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toAttempt),
    nextCursor:
      rows.length > options.limit && last
        ? encode({
            startedAt: toIsoString(last.started_at),
            stepId: last.step_id,
            iteration: Number(last.iteration),
            attempt: Number(last.attempt),
          })
        : undefined,
  };
}

/** Which status of an iteration wins when a step's iterations differ. */
const STATUS_PRIORITY: StepStatus[] = [
  'running',
  'retrying',
  'waiting',
  'pending',
  'failed',
  'cancelled',
  'succeeded',
  'skipped',
];

/** The status of a step from the latest status of each of its iterations. */
export function summarizeStatus(statuses: StepStatus[]): StepStatus {
  if (statuses.length === 0) return 'pending';
  for (const status of STATUS_PRIORITY) {
    if (status === 'succeeded' || status === 'skipped') break;
    if (statuses.includes(status)) return status;
  }
  // Finished without failure: succeeded unless every iteration was skipped.
  return statuses.every(s => s === 'skipped') ? 'skipped' : 'succeeded';
}

/** The latest attempt's status of each iteration (highest attempt number). */
function latestStatuses(
  rows: Array<{ iteration: number; attempt: number; status: string }>,
) {
  const latest = new Map<number, { attempt: number; status: StepStatus }>();
  for (const row of rows) {
    const iteration = Number(row.iteration);
    const attempt = Number(row.attempt);
    const seen = latest.get(iteration);
    if (!seen || attempt >= seen.attempt) {
      latest.set(iteration, { attempt, status: row.status as StepStatus });
    }
  }
  return latest;
}

/**
 * A step of a run: totals over all its attempts, and a page of its
 * iterations (in iteration order, keyset-paged) with every attempt.
 * `undefined` when the step has no attempt yet.
 */
export async function stepIterations(
  db: Knex,
  executionId: string,
  stepId: string,
  options: { iteration?: number; limit: number; cursor?: string },
): Promise<StepIterationsPage | undefined> {
  const key = { execution_id: executionId, step_id: stepId };
  const [totals] = (await db('step_attempts')
    .where(key)
    .select(
      db.raw('count(*) as attempts'),
      db.raw('coalesce(sum(cost_usd), 0) as cost_usd'),
      db.raw('coalesce(sum(input_tokens), 0) as input_tokens'),
      db.raw('coalesce(sum(output_tokens), 0) as output_tokens'),
      db.raw('min(started_at) as started_at'),
      db.raw('max(finished_at) as finished_at'),
      db.raw('max(component_ref) as component_ref'),
    )) as Array<Record<string, any>>;
  if (!totals || Number(totals.attempts) === 0) return undefined;

  const statusRows: Array<{
    iteration: number;
    attempt: number;
    status: string;
  }> = await db('step_attempts')
    .where(key)
    .select('iteration', 'attempt', 'status');
  const latest = latestStatuses(statusRows);

  let after: number | undefined;
  if (options.cursor) {
    after = decode<{ iteration: number }>(options.cursor, v =>
      Number.isInteger(v.iteration),
    ).iteration;
  }
  const iterationNumbers = [...latest.keys()]
    .filter(i => options.iteration === undefined || i === options.iteration)
    .filter(i => after === undefined || i > after)
    .sort((a, b) => a - b);
  const page = iterationNumbers.slice(0, options.limit);

  const rows: AttemptRow[] = page.length
    ? await db<AttemptRow>('step_attempts')
        .where(key)
        .whereIn('iteration', page)
        .orderBy([
          { column: 'iteration', order: 'asc' },
          { column: 'attempt', order: 'asc' },
        ])
    : [];
  const byIteration = new Map<number, StepAttemptRecord[]>();
  for (const row of rows) {
    const attempt = toAttempt(row);
    const list = byIteration.get(attempt.iteration) ?? [];
    list.push(attempt);
    byIteration.set(attempt.iteration, list);
  }
  const last = page[page.length - 1];
  return {
    stepId,
    componentRef: totals.component_ref ?? undefined,
    status: summarizeStatus([...latest.values()].map(l => l.status)),
    iterationCount: latest.size,
    costUsd: Number(totals.cost_usd),
    tokens: {
      inputTokens: Number(totals.input_tokens),
      outputTokens: Number(totals.output_tokens),
    },
    startedAt:
      totals.started_at === null ? undefined : toIsoString(totals.started_at),
    finishedAt:
      totals.finished_at === null || totals.finished_at === undefined
        ? undefined
        : toIsoString(totals.finished_at),
    iterations: page.map(iteration => ({
      iteration,
      status: latest.get(iteration)!.status,
      attempts: byIteration.get(iteration) ?? [],
    })),
    nextCursor:
      iterationNumbers.length > page.length && last !== undefined
        ? encode({ iteration: last })
        : undefined,
  };
}

/**
 * The score of an evaluator component's verdict (`{ score: 0..1, passed,
 * reason? }`, the output of the `evaluator` runtime), named after the
 * component; `undefined` for any other output. The store keeps it as the
 * attempt's score when the activity passes no scores of its own.
 *
 * @public
 */
export function evaluatorScores(attempt: {
  status: string;
  output?: unknown;
  componentRef?: string;
  stepId: string;
}): EvaluationScore[] | undefined {
  const output = attempt.output as Record<string, unknown> | undefined;
  if (
    attempt.status !== 'succeeded' ||
    !output ||
    typeof output !== 'object' ||
    Array.isArray(output) ||
    typeof output.score !== 'number' ||
    output.score < 0 ||
    output.score > 1 ||
    typeof output.passed !== 'boolean'
  ) {
    return undefined;
  }
  return [
    {
      name: attempt.componentRef ?? attempt.stepId,
      score: output.score,
      passed: output.passed,
      ...(typeof output.reason === 'string' ? { reason: output.reason } : {}),
    },
  ];
}
