// What the release check asserts about the registry after `pnpm release`: exactly the public
// packages, at the clone's versions, with every `workspace:` range replaced by one the published
// versions satisfy, the private demo absent; and what a plain `npm install` of one package brings.
import { installedPackages } from '../lib/consumer-project.js';
import { resolveTool } from '../lib/test-tools.js';

const semver = (await import(resolveTool('semver'))).default;
const dependencyFields = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'];
const runtimeFields = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/**
GETs a registry URL. Retried twice when the connection breaks: Verdaccio may close a kept-alive
socket just as fetch reuses it, which says nothing about the release.
*/
export async function registryGet(url, attempt = 1) {
  try {
    const response = await fetch(url);
    if (response.status !== 404 && !response.ok) throw new Error(`${url} answered ${response.status}`);
    return response;
  } catch (error) {
    if (attempt === 3 || !(error instanceof TypeError)) throw error;
    return registryGet(url, attempt + 1);
  }
}

/** The registry's document for a package name, or undefined when it has none (404). */
export async function packument(registry, name) {
  const response = await registryGet(`${registry}${name.replace('/', '%2f')}`);
  return response.status === 404 ? undefined : response.json();
}

/** The latest published manifest of every package the registry has under the scope. */
export async function publishedManifests(registry, scope) {
  const response = await registryGet(`${registry}-/v1/search?text=${encodeURIComponent(scope)}&size=250`);
  const names = (await response.json()).objects.map((object) => object.package.name);
  const manifests = new Map();
  for (const name of names.filter((found) => found.startsWith(`${scope}/`)).sort()) {
    const document = await packument(registry, name);
    manifests.set(name, document.versions[document['dist-tags'].latest]);
  }
  return manifests;
}

/** Checks the published set against the workspace; returns problems as sentences. */
export async function registryProblems(registry, workspace, manifests) {
  const problems = [];
  const publicPackages = workspace.filter((entry) => !entry.manifest.private);
  const expected = publicPackages.map((entry) => entry.manifest.name).sort();
  const published = [...manifests.keys()];
  if (JSON.stringify(published) !== JSON.stringify(expected))
    problems.push(`the registry holds ${published.join(', ')} instead of ${expected.join(', ')}`);
  for (const { manifest } of workspace.filter((entry) => entry.manifest.private)) {
    if (await packument(registry, manifest.name)) problems.push(`the private ${manifest.name} was published`);
  }
  for (const { manifest } of workspace) {
    const found = manifests.get(manifest.name);
    if (found && found.version !== manifest.version)
      problems.push(`${manifest.name}: latest is ${found.version}, the clone says ${manifest.version}`);
  }
  for (const [name, manifest] of manifests) problems.push(...rangeProblems(name, manifest, manifests));
  return problems;
}

function rangeProblems(name, manifest, manifests) {
  const problems = [];
  for (const field of dependencyFields) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) problems.push(`${name} publishes ${field}.${dependency}: ${range}`);
      const target = manifests.get(dependency);
      if (target && runtimeFields.includes(field) && !semver.satisfies(target.version, range))
        problems.push(
          `${name} needs ${dependency}@${range}, which the published ${target.version} does not satisfy`,
        );
    }
  }
  return problems;
}

/** The names a plain install of `name` must bring: its scope dependencies, transitively, and theirs. */
export function expectedInstall(name, manifests) {
  const names = new Set();
  const pending = [name];
  while (pending.length > 0) {
    const next = pending.pop();
    if (names.has(next)) continue;
    names.add(next);
    for (const dependency of Object.keys(manifests.get(next)?.dependencies ?? {}))
      if (manifests.has(dependency)) pending.push(dependency);
      else names.add(dependency);
  }
  return [...names].sort();
}

/** Compares what npm installed in `directory` with `expected`; scope packages must come from `registry`. */
export function installProblems(directory, expected, registry, manifests) {
  const installed = installedPackages(directory);
  const names = [...new Set(installed.map((entry) => entry.name))].sort();
  const problems = [];
  if (JSON.stringify(names) !== JSON.stringify(expected))
    problems.push(`installed ${names.join(', ')} instead of ${expected.join(', ')}`);
  for (const name of names.filter((found) => installed.filter((entry) => entry.name === found).length > 1))
    problems.push(`installed more than one copy of ${name}`);
  for (const entry of installed) {
    if (entry.link) problems.push(`${entry.path} is a link, not an installed package`);
    const manifest = manifests.get(entry.name);
    if (!manifest) continue;
    if (entry.version !== manifest.version)
      problems.push(`${entry.path} is ${entry.version}, not ${manifest.version}`);
    if (!entry.resolved?.startsWith(registry)) problems.push(`${entry.path} came from ${entry.resolved}`);
  }
  return problems;
}

const scopeRange = (manifest, name) => runtimeFields.map((field) => manifest[field]?.[name]).find(Boolean);

/** After a minor release of `upgraded`: it went up one minor, and every dependent was re-released requiring it. */
export function upgradeProblems(before, after, upgraded) {
  const previous = before.get(upgraded).version;
  const current = after.get(upgraded).version;
  const problems = [];
  if (current !== semver.inc(previous, 'minor'))
    problems.push(`${upgraded} went from ${previous} to ${current}, not to the next minor`);
  for (const [name, manifest] of before) {
    if (!scopeRange(manifest, upgraded)) continue;
    const republished = after.get(name);
    const range = scopeRange(republished, upgraded);
    if (!semver.gt(republished.version, manifest.version)) problems.push(`${name} was not re-released`);
    else if (!semver.satisfies(current, range) || semver.satisfies(previous, range))
      problems.push(
        `${name}@${republished.version} depends on ${upgraded}@${range}: it does not require ${current}`,
      );
  }
  return problems;
}
