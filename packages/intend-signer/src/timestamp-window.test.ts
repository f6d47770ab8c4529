import { describe, expect, it } from 'vitest';
import { entries, fixedNow } from './testing/entries.js';
import { body, url, verification } from './testing/verification.js';

describe.each(entries)('$name: verifyIntendRequest timestamp window', ({ api }) => {
  const { signed, options, failure } = verification(api);

  it.each(['17323700a0', '-1732370000', '1732370000.5', ' 1732370000', '1e9', '', '9'.repeat(16)])(
    'rejects the timestamp %j as malformed_timestamp',
    async (timestamp) => {
      const headers = { ...(await signed()), timestamp };
      const error = await failure({ method: 'POST', url, headers, body });
      expect(error.reason).toBe(timestamp === '' ? 'missing_header' : 'malformed_timestamp');
    },
  );

  it('enforces the tolerance in both directions, inclusive at the edge', async () => {
    for (const offsetSeconds of [-300, 300, 0]) {
      const headers = await signed('key-timestamp', fixedNow + offsetSeconds * 1000);
      await expect(
        api.verifyIntendRequest({ method: 'POST', url, headers, body }, options()),
      ).resolves.toBeDefined();
    }
    for (const offsetSeconds of [-301, 301, -86_400, 86_400]) {
      const headers = await signed('key-timestamp', fixedNow + offsetSeconds * 1000);
      const error = await failure({ method: 'POST', url, headers, body });
      expect([error.reason, error.header]).toEqual(['timestamp_out_of_range', 'timestamp']);
    }
  });

  it('applies toleranceSeconds, also to millisecond timestamps', async () => {
    const scheme = { stringToSign: 'key-timestamp', timestampUnit: 'ms' } as const;
    const tight = options({ scheme, toleranceSeconds: 1.5 });
    const inside = await signed(scheme, fixedNow - 1500);
    await expect(
      api.verifyIntendRequest({ method: 'POST', url, headers: inside, body }, tight),
    ).resolves.toMatchObject({
      timestamp: fixedNow - 1500,
    });
    const outside = await signed(scheme, fixedNow + 1501);
    expect((await failure({ method: 'POST', url, headers: outside, body }, tight)).reason).toBe(
      'timestamp_out_of_range',
    );
  });

  it('says the unit is likely wrong, not the clock, for a timestamp a thousand times off', async () => {
    const inMilliseconds = { ...(await signed()), timestamp: String(fixedNow) };
    const milliseconds = await failure({ method: 'POST', url, headers: inMilliseconds, body });
    expect([milliseconds.reason, milliseconds.header]).toEqual(['timestamp_out_of_range', 'timestamp']);
    expect(milliseconds.message).toContain(
      'the timestamp looks like milliseconds; the scheme expects seconds',
    );
    expect(milliseconds.message).not.toContain('clock');
    expect(milliseconds.stack).toContain('looks like milliseconds');

    const scheme = { stringToSign: 'key-timestamp', timestampUnit: 'ms' } as const;
    const inSeconds = { ...(await signed(scheme)), timestamp: String(fixedNow / 1000 - 2) };
    const seconds = await failure({ method: 'POST', url, headers: inSeconds, body }, options({ scheme }));
    expect(seconds.reason).toBe('timestamp_out_of_range');
    expect(seconds.message).toContain('the timestamp looks like seconds; the scheme expects milliseconds');

    // A timestamp in the right unit that is merely off still blames the clock.
    const late = await failure({
      method: 'POST',
      url,
      headers: await signed('key-timestamp', fixedNow + 86_400_000),
      body,
    });
    expect(late.message).toContain('check the client clock');
    expect(late.message).not.toContain('looks like');
  });

  it('accepts a seconds timestamp taken late in the same second with zero tolerance', async () => {
    const headers = await signed('key-timestamp', fixedNow);
    const verified = api.verifyIntendRequest(
      { method: 'POST', url, headers, body },
      options({ toleranceSeconds: 0, now: () => fixedNow + 999 }),
    );
    await expect(verified).resolves.toBeDefined();
  });
});
