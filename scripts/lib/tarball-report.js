// Reads packed tarballs as a registry serves them and checks what they ship: only dist/, the
// README, LICENSE, CHANGELOG, package.json and files that `exports` names (the signer's test
// vectors), with the gzipped JavaScript of dist/ at most 12 KB. The budget is on the code a
// process loads or a bundle carries; declarations are measured and printed but not budgeted, as
// most of their size is the option docs (`@default`, `@example`) editors show. The sandbox, a
// test server with seeded data that no production bundle includes, has a budget of its own.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

export const distBudgetBytes = 12 * 1024;
const budgets = new Map([['@bridgekit/sandbox', 20 * 1024]]);
const alwaysAllowed = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);

/** The regular files of a .tgz: `[{path, bytes}]`, paths without the leading `package/`. */
export function tarballFiles(tarball) {
  const archive = gunzipSync(readFileSync(tarball));
  const files = [];
  let longName;
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const text = (start, length) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = Number.parseInt(text(124, 12).trim() || '0', 8);
    const type = text(156, 1);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    const prefix = text(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    longName = undefined;
    if (type === 'x') longName = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if (type === '0' || type === '') files.push({ path: name.replace(/^[^/]+\//, ''), bytes: body });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function exportedFiles(manifest) {
  const targets = [];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  return new Set(targets);
}

/** Checks one tarball; returns `{name, files, packedBytes, unpackedBytes, distGzipBytes, problems}`. */
export function inspectTarball(tarball) {
  const files = tarballFiles(tarball);
  const manifestFile = files.find((file) => file.path === 'package.json');
  const manifest = JSON.parse(manifestFile?.bytes.toString('utf8') ?? '{}');
  const exported = exportedFiles(manifest);
  const allowed = (path) => alwaysAllowed.has(path) || path.startsWith('dist/') || exported.has(path);
  const dist = files.filter((file) => file.path.startsWith('dist/'));
  // As one gzip stream, as a tarball of it would compress, without the tar headers.
  const gzipped = (selected) =>
    gzipSync(Buffer.concat(selected.map((file) => file.bytes)), { level: 9 }).length;
  const distGzipBytes = gzipped(dist.filter((file) => /\.[cm]?js$/.test(file.path)));
  const typesGzipBytes = gzipped(dist.filter((file) => file.path.endsWith('.d.ts')));
  const budget = budgets.get(manifest.name) ?? distBudgetBytes;
  const problems = [];
  const unexpected = files.map((file) => file.path).filter((path) => !allowed(path));
  if (unexpected.length > 0) problems.push(`ships what it should not: ${summarizePaths(unexpected)}`);
  if (!manifestFile) problems.push('has no package.json');
  if (dist.length === 0) problems.push('ships no dist/');
  if (distGzipBytes > budget)
    problems.push(
      `gzipped dist/ JavaScript is ${kilobytes(distGzipBytes)}, over the ${kilobytes(budget)} budget`,
    );
  return {
    name: `${manifest.name}@${manifest.version}`,
    files: files.map((file) => file.path),
    packedBytes: readFileSync(tarball).length,
    unpackedBytes: files.reduce((sum, file) => sum + file.bytes.length, 0),
    distGzipBytes,
    typesGzipBytes,
    budget,
    problems,
  };
}

/** `src/ (29 files), notes.txt`: folders counted, files named. */
function summarizePaths(paths) {
  const counts = new Map();
  for (const path of paths) {
    const top = path.includes('/') ? `${path.split('/')[0]}/` : path;
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  return [...counts].map(([top, count]) => (top.endsWith('/') ? `${top} (${count} files)` : top)).join(', ');
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
dist/'s files, compactly but every one: modules grouped by the outputs they have, such as
`.js .js.map .d.ts .d.ts.map: index, secret, ...`.
*/
function describeDist(paths) {
  const outputs = new Map();
  for (const path of paths) {
    const [, module, extension] = /^dist\/(.+?)((?:\.d)?\.[cm]?[jt]s(?:\.map)?|\.[^.]+)?$/.exec(path) ?? [];
    outputs.set(module, [...(outputs.get(module) ?? []), extension ?? '']);
  }
  const groups = new Map();
  for (const [module, extensions] of outputs) {
    const key = extensions.sort().join(' ');
    groups.set(key, [...(groups.get(key) ?? []), module]);
  }
  return [...groups].map(([key, modules]) =>
    wrap(`dist/ ${key} (${modules.length}): ${modules.sort().join(', ')}`),
  );
}

const wrap = (text) => `  ${text.replace(/(.{1,100})(?:, |$)/g, '$1,\n    ').replace(/,\s*$/, '')}`;

/** Prints every tarball's files, then a size table; returns the problems found, prefixed by package. */
export function reportTarballs(reports) {
  for (const report of reports) {
    console.log(`\n${report.name}: ${report.files.length} files`);
    const others = report.files.filter((path) => !path.startsWith('dist/'));
    console.log(wrap(others.sort().join(', ')));
    for (const line of describeDist(report.files.filter((path) => path.startsWith('dist/'))))
      console.log(line);
  }
  const rows = reports.map((report) => [
    report.name,
    String(report.files.length),
    kilobytes(report.packedBytes),
    kilobytes(report.unpackedBytes),
    kilobytes(report.distGzipBytes),
    kilobytes(report.typesGzipBytes),
    `${report.problems.length === 0 ? 'ok' : 'FAIL'} (${kilobytes(report.budget)})`,
  ]);
  const header = [
    'package',
    'files',
    'tarball (gzipped)',
    'unpacked',
    'dist/ .js gzipped',
    'dist/ .d.ts gzipped',
    'budget (.js)',
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}`);
  for (const row of rows) console.log(line(row));
  return reports.flatMap((report) => report.problems.map((problem) => `${report.name} ${problem}`));
}
