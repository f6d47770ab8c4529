import { subscribe, tracingChannel } from 'node:diagnostics_channel';
import { format, inspect } from 'node:util';
import { secretNeedles } from './secrets.js';

// What this test file produced: every error its checks saw, and every console line and warning.
const errors: unknown[] = [];
const logLines: string[] = [];
const channelMessages: string[] = [];
let capturing = false;

/** Keeps an error for the audit at the end of the file. */
export function collectError(error: unknown): void {
  errors.push(error);
}

/** How many errors were collected so far. */
export function collectedErrorCount(): number {
  return errors.length;
}

/** Keeps a text that a user would see (a subprocess's output, a report file) for the audit. */
export function collectText(text: string): void {
  logLines.push(text);
}

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Records every console line and process warning (and still prints them). Idempotent. */
export function captureLogs(): void {
  if (capturing) return;
  capturing = true;
  for (const method of consoleMethods) {
    // biome-ignore lint/suspicious/noConsole: the audit wraps the console to read every line logged.
    const original = console[method].bind(console);
    console[method] = (...parts: unknown[]) => {
      logLines.push(format(...parts));
      original(...parts);
    };
  }
  process.on('warning', (warning) => logLines.push(inspect(warning, { depth: 10 })));
  captureChannels();
}

/**
Records every message the clients publish on their diagnostics channels: each attempt, and each
tracing context as a call starts and as it settles, whole (its error included).
*/
function captureChannels(): void {
  const keep = (message: unknown) => channelMessages.push(inspect(message, { depth: 10 }));
  subscribe('bridgekit:attempt', keep);
  for (const name of ['bridgekit:intend:call', 'bridgekit:ingo:call', 'bridgekit:ingo:token']) {
    const quiet = () => undefined;
    tracingChannel(name).subscribe({
      start: keep,
      end: quiet,
      asyncStart: quiet,
      asyncEnd: keep,
      error: keep,
    });
  }
}

/** The error and every error under it: `cause` chains and `AggregateError.errors`, without cycles. */
function errorChain(error: unknown): unknown[] {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const next = pending.pop();
    if (seen.has(next) || next === undefined || next === null) continue;
    seen.add(next);
    if (typeof next === 'object') {
      pending.push((next as { cause?: unknown }).cause);
      const nested = (next as { errors?: unknown }).errors;
      if (Array.isArray(nested)) pending.push(...nested);
    }
  }
  return [...seen];
}

/** Everything a log line could show of an error: message, stack, String(), JSON, inspect (depth 10). */
export function textsOf(error: unknown): Array<{ readonly where: string; readonly text: string }> {
  const texts: Array<{ where: string; text: string }> = [];
  const attempt = (where: string, render: () => unknown) => {
    try {
      texts.push({ where, text: String(render()) });
    } catch (problem) {
      texts.push({ where: `${where} threw`, text: String((problem as Error)?.message) });
    }
  };
  errorChain(error).forEach((each, depth) => {
    const prefix = depth === 0 ? '' : `cause ${depth}: `;
    attempt(`${prefix}message`, () => (each as Error).message);
    attempt(`${prefix}stack`, () => (each as Error).stack);
    attempt(`${prefix}String()`, () => String(each));
    attempt(`${prefix}JSON.stringify`, () => JSON.stringify(each));
  });
  attempt('util.inspect', () => inspect(error, { depth: 10 }));
  return texts;
}

/** One secret found somewhere it must not be. */
export interface Leak {
  readonly secret: string;
  readonly where: string;
  /** What leaked it, e.g. `ServerError: Injected fault...` (secrets blanked). */
  readonly source: string;
}

/** The text with every known secret replaced by its name, cut to `maxLength` characters. */
export function blank(text: string, maxLength = 200): string {
  let result = text;
  for (const needle of secretNeedles()) result = result.replaceAll(needle.value, `<${needle.name}>`);
  return result.length > maxLength ? `${result.slice(0, maxLength)}…` : result;
}

/** Searches errors and texts for every secret in every form. */
export function leaksIn(
  someErrors: readonly unknown[],
  someTexts: ReadonlyArray<{ readonly where: string; readonly text: string }> = [],
): { texts: number; leaks: Leak[] } {
  const needles = secretNeedles();
  const leaks: Leak[] = [];
  let texts = 0;
  const search = (where: string, text: string, source: () => string) => {
    texts += 1;
    for (const needle of needles) {
      if (text.includes(needle.value)) leaks.push({ secret: needle.name, where, source: blank(source()) });
    }
  };
  for (const error of someErrors) {
    const name = (error as Error)?.name ?? typeof error;
    for (const { where, text } of textsOf(error)) {
      search(`${name} ${where}`, text, () => `${name}: ${String((error as Error)?.message)}`);
    }
  }
  for (const { where, text } of someTexts) search(where, text, () => text);
  return { texts, leaks };
}

/** Searches every collected error, log line and channel message for every secret in every form. */
export function auditLeaks(): { errors: number; texts: number; channelMessages: number; leaks: Leak[] } {
  const lines = [
    ...logLines.map((text) => ({ where: 'log line', text })),
    ...channelMessages.map((text) => ({ where: 'channel message', text })),
  ];
  return { errors: errors.length, channelMessages: channelMessages.length, ...leaksIn(errors, lines) };
}

/** A table cell: `no secret found`, or which secrets leaked (each once). */
export function leakSummary(leaks: readonly Leak[]): string {
  if (leaks.length === 0) return 'no secret found';
  return `LEAKED: ${[...new Set(leaks.map((leak) => leak.secret))].join(', ')}`;
}

/** Leaks grouped for a readable failure: one line per secret and source, with the places it showed. */
export function describeLeaks(leaks: readonly Leak[]): string {
  const groups = new Map<string, Set<string>>();
  for (const leak of leaks) {
    const key = `${leak.secret} in ${leak.source}`;
    const places = groups.get(key) ?? new Set<string>();
    places.add(leak.where);
    groups.set(key, places);
  }
  return [...groups].map(([key, places]) => `${key}\n    shown by: ${[...places].join(', ')}`).join('\n');
}
