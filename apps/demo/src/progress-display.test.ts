import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from './progress-display.js';
import type { ScreeningProgress } from './screening-job.js';

function stream(isTTY: boolean) {
  const output = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { output, text: () => text };
}

const progress = (overrides: Partial<ScreeningProgress>): ScreeningProgress => ({
  pagesFetched: 0,
  lastPage: undefined,
  screened: 0,
  failed: 0,
  listed: 0,
  listingDone: false,
  ...overrides,
});

describe('createProgressDisplay', () => {
  it('shows failures on the terminal bar as they happen', () => {
    const terminal = stream(true);
    const display = createProgressDisplay(terminal.output, 100);
    display.update(progress({ pagesFetched: 1, lastPage: 1, screened: 40, failed: 3, listed: 50 }));
    display.stop();
    expect(terminal.text()).toContain('3 failed');
  });

  it('names the page fetched and counts resumed clients after a resume', () => {
    const plain = stream(false);
    const display = createProgressDisplay(plain.output, 300);
    // Resumed at page 3 with 120 clients done: the first page this run fetches is page 3.
    display.update(progress({ pagesFetched: 1, lastPage: 3, screened: 120, listed: 150 }));
    expect(plain.text()).toBe('fetched Intend page 3 (150 clients listed)\n');
    display.update(progress({ pagesFetched: 1, lastPage: 3, screened: 149, listed: 150 }));
    display.update(progress({ pagesFetched: 1, lastPage: 3, screened: 150, listed: 150 }));
    expect(plain.text()).toBe(
      'fetched Intend page 3 (150 clients listed)\nscreened 150 clients (0 failed)\n',
    );
  });
});
