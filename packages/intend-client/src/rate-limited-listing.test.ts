import { describe, expect, it } from 'vitest';
import { createIntendClient } from './index.js';

describe('a listing that is rate limited', () => {
  it('sends no new page request while a 429 Retry-After wait runs', async () => {
    const log: { page: number; at: number; status: number }[] = [];
    let limited = false;
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const page = Number(new URL(request.url).searchParams.get('page'));
      const at = performance.now();
      if (page === 5 && !limited) {
        limited = true;
        log.push({ page, at, status: 429 });
        return Response.json(
          { status: 429, response: false, msg: 'slow down' },
          { status: 429, headers: { 'retry-after': '1' } },
        );
      }
      log.push({ page, at, status: 200 });
      const count = page <= 20 ? 50 : 0;
      const data = Array.from({ length: count }, (_, index) => ({ id: (page - 1) * 50 + index + 1 }));
      return Response.json({ status: 200, response: true, data, msg: 'ok' });
    };
    const intend = createIntendClient({
      baseUrl: 'https://acme.intend.test',
      apiKey: 'key',
      secretKey: 'secret-key-0123456789',
      fetch,
    });
    const records = await intend.clients.list().toArray({ limit: 5000 });
    expect(records).toHaveLength(1000);
    const limitedAt = log.find((entry) => entry.status === 429)?.at ?? 0;
    const retryAt = log.find((entry) => entry.page === 5 && entry.status === 200)?.at ?? 0;
    expect(retryAt - limitedAt).toBeGreaterThanOrEqual(900);
    // Requests the window had already sent reach fetch within a few milliseconds (signing is
    // async); after that, none starts while the server asked to wait.
    const startedDuringWait = log.filter((entry) => entry.at > limitedAt + 200 && entry.at < retryAt - 5);
    expect(startedDuringWait).toEqual([]);
  });
});
