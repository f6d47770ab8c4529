import { ConfigurationError } from '@bridgekit/errors';

/** How much a client logs: `'debug'` is the most, `'off'` nothing. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go: `console`, pino, winston and most loggers fit as they are. */
export interface Logger {
  /** One line per attempt and per retry. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Events worth a trace in production: a clock corrected, a token fetched. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** What a user should act on. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Failures nobody else hears of. */
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The logging options of every client. */
export interface LogOptions {
  /**
  Receives the log lines, with their fields (never a secret, never a body).
  @default console
  @example pino()
  */
  readonly logger?: Logger;
  /**
  The least severe lines written. A healthy client writes nothing at `'warn'`.
  @default the `BRIDGEKIT_LOG` environment variable where there is one, else `'warn'`
  @example 'debug'
  */
  readonly logLevel?: LogLevel;
}

const levels: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/** A client's log: its logger at its level. A logger that throws is ignored. */
export class Log {
  readonly #logger: Logger;
  readonly #rank: number;

  /** Lines of `level` and more severe go to `logger`. */
  constructor(logger: Logger, level: LogLevel) {
    this.#logger = logger;
    this.#rank = levels.indexOf(level);
  }

  /** Whether lines of `level` are written: check it before building a line's fields. */
  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return this.#rank >= levels.indexOf(level);
  }

  /** Writes one line at `level`, when that level is enabled. */
  write(level: Exclude<LogLevel, 'off'>, message: string, fields?: Record<string, unknown>): void {
    if (!this.enabled(level)) return;
    try {
      this.#logger[level](message, fields);
    } catch {
      // Logging must never change the outcome.
    }
  }
}

function levelFrom(value: unknown, option: string): LogLevel {
  if (levels.includes(value as LogLevel)) return value as LogLevel;
  throw new ConfigurationError({
    option,
    expected: `one of ${levels.map((level) => `'${level}'`).join(', ')}`,
    received: value,
  });
}

/**
Checks `logger` and `logLevel` (or reads `BRIDGEKIT_LOG`, where the runtime has environment
variables) and returns the log. An unknown level is a `ConfigurationError` naming the accepted ones.

@example
```
const log = resolveLog(options);
if (log.enabled('debug')) log.write('debug', 'attempt', {status: 200});
```
*/
export function resolveLog(options: { readonly logger?: unknown; readonly logLevel?: unknown }): Log {
  const { logger = console, logLevel } = options;
  const candidate = logger as Partial<Record<keyof Logger, unknown>> | null;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (!methods.every((name) => typeof candidate?.[name] === 'function')) {
    throw new ConfigurationError({
      option: 'logger',
      expected: 'an object with debug, info, warn and error methods (console, pino, winston)',
      received: logger,
    });
  }
  const variable = logLevel === undefined ? environmentLevel() : undefined;
  const level =
    logLevel !== undefined
      ? levelFrom(logLevel, 'logLevel')
      : variable
        ? levelFrom(variable, 'BRIDGEKIT_LOG')
        : 'warn';
  return new Log(logger as Logger, level);
}

/** `BRIDGEKIT_LOG`, where the runtime has environment variables and lets this code read them. */
function environmentLevel(): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
      'BRIDGEKIT_LOG'
    ];
  } catch {
    // Deno without --allow-env throws on the read: the same as no variable.
    return undefined;
  }
}
