import { isConfigurationError } from '@bridgekit/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Logger, resolveLog } from './log.js';
import { thrown } from './testing/thrown.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveLog', () => {
  it("is at 'warn' by default, at BRIDGEKIT_LOG's level where it is set, and at the option's above both", () => {
    expect(resolveLog({ logger: silent }).enabled('warn')).toBe(true);
    expect(resolveLog({ logger: silent }).enabled('info')).toBe(false);
    vi.stubEnv('BRIDGEKIT_LOG', 'debug');
    expect(resolveLog({ logger: silent }).enabled('debug')).toBe(true);
    expect(resolveLog({ logger: silent, logLevel: 'off' }).enabled('error')).toBe(false);
  });

  it('reads no variable where the runtime refuses the read (Deno without --allow-env)', () => {
    const env = Object.getOwnPropertyDescriptor(process, 'env');
    Object.defineProperty(process, 'env', {
      configurable: true,
      get() {
        throw new Error('NotCapable: Requires env access');
      },
    });
    try {
      expect(resolveLog({ logger: silent }).enabled('warn')).toBe(true);
      expect(resolveLog({ logger: silent }).enabled('info')).toBe(false);
    } finally {
      if (env) Object.defineProperty(process, 'env', env);
    }
  });

  it('refuses an unknown level, naming the variable or the option and the accepted levels', () => {
    vi.stubEnv('BRIDGEKIT_LOG', 'verbose');
    const fromVariable = thrown(() => resolveLog({ logger: silent }));
    expect(isConfigurationError(fromVariable)).toBe(true);
    expect((fromVariable as Error).message).toMatch(
      /BRIDGEKIT_LOG.*'off', 'error', 'warn', 'info', 'debug'/s,
    );
    expect((thrown(() => resolveLog({ logLevel: 'trace' })) as Error).message).toMatch(/`logLevel`/);
  });

  it('writes to the logger at and above its level, and ignores a logger that throws', () => {
    const lines: string[] = [];
    const log = resolveLog({
      logger: {
        ...silent,
        info: (message: string) => lines.push(message),
        warn: () => {
          throw new Error('broken');
        },
      },
      logLevel: 'info',
    });
    log.write('debug', 'below');
    log.write('info', 'kept');
    expect(() => log.write('warn', 'thrown away')).not.toThrow();
    expect(lines).toEqual(['kept']);
  });
});
