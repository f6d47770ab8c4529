import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sortableRowLimit } from './client-table.js';
import { escapeHtml } from './html-template.js';
import { renderReportPage } from './report-page.js';
import { sampleReport, sampleRow } from './testing/sample-report.js';

const hostile = sampleRow({
  clientId: 2,
  name: `<script>alert(1)</script> "Quoted" & 'Co'`,
  account: '<img src=x onerror=alert(2)>',
  email: 'a"b@example.com',
});
const failed = sampleRow({
  clientId: 3,
  overallBand: 'failed',
  scores: {},
  bands: {},
  errorCode: 'BRIDGEKIT_SERVER_ERROR',
  traceId: '|abc.',
  retryable: true,
});

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderReportPage', () => {
  const page = renderReportPage(sampleReport([sampleRow(), hostile, failed]));

  it('escapes client data everywhere it appears', () => {
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quoted&quot; &amp; &#39;Co&#39;');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page).toContain('a&quot;b@example.com');
  });

  it('allows nothing but its own stylesheet, by hash', () => {
    const style = page.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'">`,
    );
    expect(page).not.toMatch(/\sstyle="/);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('has a bar per band with its count, failures last, and the failures table', () => {
    const bars = [...page.matchAll(/data-band="([a-z-]+)" data-count="(\d+)"/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(bars).toEqual([
      ['positive', '2'],
      ['matched', '0'],
      ['neutral', '0'],
      ['negative', '0'],
      ['unknown', '0'],
      ['not-found', '0'],
      ['failed', '1'],
    ]);
    expect(page).toContain('1 clients could not be scored');
    expect(page).toContain('pnpm demo --retry-failed out/a.json');
  });

  it('holds one copy of the client table per sort order, or one past the limit', () => {
    expect(page.match(/class="client-view[ "]/g)).toHaveLength(6);
    const many = Array.from({ length: sortableRowLimit + 1 }, (_, index) =>
      sampleRow({ clientId: index + 1 }),
    );
    expect(renderReportPage(sampleReport(many)).match(/class="client-view[ "]/g)).toHaveLength(1);
  });
});
