import { beforeAll, expect, test } from 'vitest';
import { auditLeaks, captureLogs, describeLeaks, leakSummary } from './leak-audit.js';
import { knownTokenCount } from './secrets.js';
import { recordRow } from './table-row.js';

/**
Call last in a test file: captures console lines and warnings from the start, and adds the file's
final test, which searches every error the file's checks collected, every line logged and every
diagnostics-channel message, for every known secret (literal, URL- and form-encoded, Base64, Base64 of `id:secret`, issued tokens).
*/
export function leakAuditTest(
  part: string,
  { expectErrors = true, expectChannels = true }: { expectErrors?: boolean; expectChannels?: boolean } = {},
): void {
  beforeAll(captureLogs);
  test(`leak audit: ${part}`, ({ task }) => {
    const { errors, texts, channelMessages, leaks } = auditLeaks();
    recordRow(task, {
      section: 'Leak audit',
      fault: `${part}: ${errors} errors, ${texts} texts (${channelMessages} channel messages), ${knownTokenCount()} issued tokens known`,
      outcome: leakSummary(leaks),
      retries: '-',
      lost: '-',
      tokenRequests: '-',
    });
    if (expectErrors) expect(errors, 'the file collected errors to audit').toBeGreaterThan(0);
    if (expectChannels)
      expect(channelMessages, 'the file heard the clients on their channels').toBeGreaterThan(0);
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });
}
