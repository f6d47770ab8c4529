import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

describe('parseCliOptions', () => {
  it('has defaults and validates numbers', () => {
    expect(parseCliOptions([])).toMatchObject({
      concurrency: 8,
      out: 'out',
      clients: 240,
      sandboxFaultRate: 0,
      json: false,
      retryFailed: undefined,
    });
    expect(parseCliOptions(['--limit', '5', '--json'])).toMatchObject({
      limit: 5,
      json: true,
      verbose: false,
    });
    expect(parseCliOptions(['--verbose'])).toMatchObject({ verbose: true });
    expect(() => parseCliOptions(['--concurrency', '0'])).toThrow(/--concurrency/);
  });

  it('accepts the leading -- that `pnpm demo -- --limit 5` and `npm run demo -- --limit 5` pass', () => {
    expect(parseCliOptions(['--', '--limit', '5'])).toMatchObject({ limit: 5 });
    expect(parseCliOptions(['--', '--help'])).toMatchObject({ help: true });
  });

  it('names the closest valid flag for an unknown one', () => {
    expect(() => parseCliOptions(['--limt', '5'])).toThrow('Did you mean --limit?');
    expect(() => parseCliOptions(['--retry-fail', 'x.json'])).toThrow('Did you mean --retry-failed?');
    expect(() => parseCliOptions(['--sandbox-faults=0.2'])).toThrow('Did you mean --sandbox-fault-rate?');
    expect(() => parseCliOptions(['--nope'])).toThrow(/--help/);
  });

  it('rejects arguments that are not flags', () => {
    expect(() => parseCliOptions(['report.json'])).toThrow(/report\.json/);
  });

  it('reads --retry-failed', () => {
    expect(parseCliOptions(['--retry-failed', 'out/a.json'])).toMatchObject({ retryFailed: 'out/a.json' });
  });
});
