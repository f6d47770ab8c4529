// The page's only stylesheet, inlined; the Content-Security-Policy allows exactly this text (by
// its hash), so nothing else can style, script or load anything. System fonts only: no requests.
export const reportPageStyle: string = `
:root {
  color-scheme: light;
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --accent: #0b57d0;
  --positive: #1a7f37; --matched: #0969da; --neutral: #9a6700; --negative: #cf222e;
  --unknown: #8250df; --not-found: #6e7781; --failed: #24292f;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header, main, footer { max-width: 1160px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 32px; padding-bottom: 8px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 40px 0 12px; }
p { margin: 0 0 12px; }
.table-scroll + p { margin-top: 16px; }
.lede { color: var(--muted); margin: 0; }
a { color: var(--accent); }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.command { display: block; margin-top: 8px; padding: 10px 14px; background: var(--panel); border: 1px solid var(--line);
  border-radius: 8px; overflow-x: auto; white-space: pre; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 24px 0 0; }
.figures div { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; background: #fff; }
.figures dt { color: var(--muted); font-size: 13px; }
.figures dd { margin: 2px 0 0; font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figures .sub { display: block; font-size: 13px; font-weight: 400; color: var(--muted); }
.status { display: inline-block; margin-left: 8px; padding: 1px 10px; border-radius: 999px; font-size: 13px;
  font-weight: 600; vertical-align: middle; background: #dafbe1; color: #116329; }
.status.incomplete { background: #fff8c5; color: #7d4e00; }
.chart { margin: 0; padding: 16px 20px 8px; border: 1px solid var(--line); border-radius: 10px; }
.chart svg { display: block; width: 100%; height: auto; font: 14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.chart .bar-label { fill: var(--ink); }
.chart .bar-count { fill: var(--ink); font-weight: 600; font-variant-numeric: tabular-nums; }
.chart .bar-share { fill: var(--muted); font-weight: 400; font-variant-numeric: tabular-nums; }
.chart .track { fill: var(--panel); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 12px 0 0; padding: 0; list-style: none;
  color: var(--muted); font-size: 13px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.fill-positive { fill: var(--positive); background: var(--positive); }
.fill-matched { fill: var(--matched); background: var(--matched); }
.fill-neutral { fill: var(--neutral); background: var(--neutral); }
.fill-negative { fill: var(--negative); background: var(--negative); }
.fill-unknown { fill: var(--unknown); background: var(--unknown); }
.fill-not-found { fill: var(--not-found); background: var(--not-found); }
.fill-failed { fill: var(--failed); background: var(--failed); }
.table-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px; }
.table-scroll:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; padding: 10px 14px; color: var(--muted); font-size: 13px; }
th, td { padding: 7px 12px; text-align: left; border-top: 1px solid var(--line); white-space: nowrap; }
thead th { background: var(--panel); font-size: 13px; font-weight: 600; vertical-align: bottom; }
thead th.group { text-align: center; border-bottom: 1px solid var(--line); padding-bottom: 2px; }
thead th a { color: inherit; text-decoration: none; }
thead th a:hover, thead th a:focus-visible { text-decoration: underline; }
thead th[aria-sort] a::after { content: " \\2191"; color: var(--accent); }
tbody tr:nth-child(even) { background: #fbfcfd; }
td.number, th.number { text-align: right; }
td.name { white-space: normal; min-width: 160px; }
.pill { display: inline-block; padding: 0 9px; border-radius: 999px; font-size: 13px; font-weight: 600; }
.pill-positive { background: #dafbe1; color: #116329; }
.pill-matched { background: #ddf4ff; color: #0550ae; }
.pill-neutral { background: #fff8c5; color: #7d4e00; }
.pill-negative { background: #ffebe9; color: #a40e26; }
.pill-unknown { background: #fbefff; color: #6e40c9; }
.pill-not-found { background: #eff2f5; color: #424a53; }
.pill-failed { background: #24292f; color: #fff; }
.score-none { color: var(--muted); }
.score-positive { color: var(--positive); } .score-matched { color: var(--matched); }
.score-neutral { color: var(--neutral); } .score-negative { color: var(--negative); font-weight: 600; }
.score-unknown { color: var(--unknown); font-weight: 600; } .score-not-found { color: var(--muted); }
.client-view { display: none; }
.client-view:target { display: block; }
.client-views:not(:has(.client-view:target)) .client-view.default { display: block; }
.settings { display: grid; grid-template-columns: max-content 1fr; gap: 6px 24px; margin: 0; }
.settings dt { color: var(--muted); }
.settings dd { margin: 0; }
footer { color: var(--muted); font-size: 13px; padding-top: 32px; padding-bottom: 40px; }
`;
