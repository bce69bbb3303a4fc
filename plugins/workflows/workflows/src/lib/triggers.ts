import {
  DEFAULT_RUN_LABEL,
  type WorkflowTriggerDto,
  type WorkflowTriggerInputDto,
} from '@ai-ops/plugin-workflows-common';

/** The time zone of a schedule that names none (the executions backend's). */
export const DEFAULT_TIMEZONE = 'UTC';

/**
 * The body that replaces a trigger with what it is now (the fields the API
 * answered but does not accept left out), with `changes` applied.
 */
export function triggerInputOf(
  trigger: WorkflowTriggerDto,
  changes: Partial<WorkflowTriggerInputDto> = {},
): WorkflowTriggerInputDto {
  const body: WorkflowTriggerInputDto = {
    type: trigger.type,
    enabled: trigger.enabled,
  };
  if (trigger.type === 'schedule') {
    if (present(trigger.cron)) body.cron = trigger.cron;
    if (present(trigger.timezone)) body.timezone = trigger.timezone;
  }
  if (present(trigger.version)) body.version = trigger.version;
  else if (present(trigger.label)) body.label = trigger.label;
  if (present(trigger.input)) body.input = trigger.input;
  return { ...body, ...changes };
}

function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

/**
 * Where a webhook caller POSTs: the executions backend's
 * `/webhooks/{triggerId}` (no Backstage token; the trigger's secret).
 */
export function webhookUrl(executionsBaseUrl: string, triggerId: string) {
  return `${executionsBaseUrl.replace(
    /\/+$/,
    '',
  )}/webhooks/${encodeURIComponent(triggerId)}`;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A curl command that calls a webhook with its secret as a bearer token. */
export function webhookCurl(url: string, secret: string, body = '{}') {
  return [
    `curl -X POST ${shellQuote(url)}`,
    `  -H ${shellQuote(`Authorization: Bearer ${secret}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${shellQuote(body)}`,
  ].join(' \\\n');
}

/**
 * What a trigger runs, e.g. `label canary` or `version 3`; with neither,
 * the {@link DEFAULT_RUN_LABEL} (the API stores it so).
 */
export function runsOf(trigger: Pick<WorkflowTriggerDto, 'label' | 'version'>) {
  if (present(trigger.version)) return `version ${trigger.version}`;
  return `label ${trigger.label ?? DEFAULT_RUN_LABEL}`;
}

/** A short name of a trigger for buttons and dialogs. */
export function triggerName(trigger: WorkflowTriggerDto) {
  return trigger.type === 'schedule'
    ? `schedule '${trigger.cron ?? ''}'`
    : `webhook ${trigger.id.slice(0, 8)}`;
}

/**
 * The input object of a trigger typed as JSON text: empty text is no input;
 * anything else must be a JSON object. Errors name the field.
 */
export function parseTriggerInput(
  text: string,
): { input?: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { error: `input: not valid JSON (${(e as Error).message})` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: 'input: must be a JSON object, e.g. {"text": "hello"}' };
  }
  return { input: parsed as Record<string, unknown> };
}

/** The field a server message such as `cron: ...` names, if it names one. */
export function fieldOfMessage(message: string): string | undefined {
  return /^([a-zA-Z]+):\s/.exec(message)?.[1];
}
