// The README step: every ```ts block of the root README and of every workspace package's README is
// type-checked, each as a module of its own, against the packed packages installed with npm in an
// empty project (not the workspace sources), with strict and exactOptionalPropertyTypes and no lib
// check skipped. A block relies only on what it imports or declares itself (`declare const`); a
// library it imports that no package brings (a Redis client) is installed at the version tested with.
// Then each public package's types are compiled alone, with only its own dependencies installed:
// a package whose declarations import something it does not depend on (ky, say) fails there.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createProject, npmInstall, typecheckJob } from './lib/consumer-project.js';
import { packPublicPackages } from './lib/packed-packages.js';
import { runConcurrently } from './lib/processes.js';
import { root, workspacePackages } from './workspace-packages.js';

// A Node service's settings: @types/node, and the DOM lib that hono's types (the sandbox's) need.
const compilerOptions = { module: 'nodenext', moduleResolution: 'nodenext', types: ['node'] };
const typesNodeVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', '@types', 'node', 'package.json')),
).version;
const typesNode = `@types/node@${typesNodeVersion}`;

/** Every ```ts block: `{readme, line, code}`, `line` being the README line of the block's first line. */
export function typescriptBlocks(readme) {
  const blocks = [];
  let block;
  readFileSync(readme, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (!block && /^```(ts|typescript)\s*$/.test(text)) block = { readme, line: index + 2, lines: [] };
      else if (block && /^```\s*$/.test(text)) {
        blocks.push({ readme, line: block.line, code: `${block.lines.join('\n')}\n` });
        block = undefined;
      } else block?.lines.push(text);
    });
  return blocks;
}

/** The versions the workspace tests with: every manifest's devDependencies, by name. */
function testedVersions() {
  const manifests = [
    JSON.parse(readFileSync(join(root, 'package.json'))),
    ...workspacePackages().map((entry) => entry.manifest),
  ];
  const versions = new Map();
  for (const manifest of manifests)
    for (const [name, version] of Object.entries(manifest.devDependencies ?? {}))
      if (!/^(npm|workspace):/.test(version)) versions.set(name, version);
  return versions;
}

/**
What the blocks import that no packed package brings (a Redis client a README connects), as
`name@version` at the version the workspace tests with: a block compiles against the real thing.
*/
function thirdPartyImports(blocks, packed) {
  const brought = new Set(
    packed.flatMap(({ name, manifest }) => [name, ...Object.keys(manifest.dependencies ?? {})]),
  );
  const imported = new Set();
  for (const { code } of blocks)
    for (const [, specifier] of code.matchAll(/^import\b[^'"]*['"]([^'"./][^'"]*)['"]/gm)) {
      const name = specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
      if (!specifier.startsWith('node:') && !brought.has(name)) imported.add(name);
    }
  const versions = testedVersions();
  return [...imported].map((name) => {
    if (!versions.has(name))
      throw new Error(`a README block imports ${name}, which no workspace package tests with`);
    return `${name}@${versions.get(name)}`;
  });
}

/** tsc's `examples/3.ts(4,7): error ...` as `packages/x/README.md:27:7: error ...`. */
function inReadmeTerms(output, blocks) {
  return output.replace(/examples\/(\d+)\.ts\((\d+),(\d+)\)/g, (_, index, line, column) => {
    const block = blocks[Number(index)];
    return `${relative(root, block.readme)}:${block.line + Number(line) - 1}:${column}`;
  });
}

function examplesJob(project, blocks) {
  mkdirSync(join(project, 'examples'));
  for (const [index, block] of blocks.entries())
    writeFileSync(join(project, 'examples', `${index}.ts`), block.code);
  const files = blocks.map((_, index) => `examples/${index}.ts`);
  return typecheckJob(project, 'examples', files, compilerOptions);
}

/** Each public package installed with only its own dependencies; returns the tsc jobs for its types. */
function alonePackageJobs(work, packed) {
  const byName = new Map(packed.map((entry) => [entry.name, entry]));
  return packed.map(({ name, directory }) => {
    const closure = new Set([name]);
    for (const member of closure)
      for (const dependency of Object.keys(byName.get(member).manifest.dependencies ?? {}))
        if (byName.has(dependency)) closure.add(dependency);
    const project = join(work, `alone-${relative(join(root, 'packages'), directory)}`);
    createProject(project, { 'uses.ts': `import * as api from '${name}';\nexport { api };\n` });
    npmInstall(project, [...[...closure].map((member) => byName.get(member).tarball), typesNode]);
    return typecheckJob(project, 'alone', ['uses.ts'], compilerOptions);
  });
}

const readmes = [root, ...workspacePackages().map(({ directory }) => directory)]
  .map((directory) => join(directory, 'README.md'))
  .filter((readme) => existsSync(readme));
const blocks = readmes.flatMap(typescriptBlocks);
const work = mkdtempSync(join(tmpdir(), 'bridgekit-readmes-'));
try {
  const packed = packPublicPackages(join(work, 'tarballs'));
  const project = join(work, 'project');
  createProject(project);
  npmInstall(project, [
    ...packed.map((entry) => entry.tarball),
    typesNode,
    ...thirdPartyImports(blocks, packed),
  ]);
  const examples = examplesJob(project, blocks);
  const alone = alonePackageJobs(work, packed);
  // Two compilers at a time: each checks @types/node and the DOM lib in full (no skipLibCheck).
  await runConcurrently([examples, ...alone]).catch((error) => {
    throw new Error(inReadmeTerms(error.message, blocks));
  });
  const counts = readmes.map(
    (readme) => `${relative(root, readme)}: ${blocks.filter((block) => block.readme === readme).length}`,
  );
  console.log(
    `${blocks.length} README examples type-check against the packed packages (${counts.join(', ')})`,
  );
  console.log(
    `${packed.map((entry) => entry.name).join(', ')}: each one's types compile with only its own dependencies installed`,
  );
} catch (error) {
  console.error(`\nThe README check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
