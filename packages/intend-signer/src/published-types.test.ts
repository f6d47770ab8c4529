import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The build's declarations, as a TypeScript user gets them. ky is an optional peer at most: a
// declaration that imports it would fail `Cannot find module 'ky'` for a user without ky who
// type-checks libraries (no skipLibCheck).
const dist = new URL('../dist/', import.meta.url);
const moduleSpecifier = /(?:from|import|require|module)\s*\(?\s*['"]([^'"]+)['"]/g;
// JSDoc examples mention `import ky from 'ky'`; only code counts.
const comments = /\/\*[\s\S]*?\*\/|\/\/.*$/gm;

describe('dist/*.d.ts', () => {
  it('never reference ky, so users without ky can type-check them', () => {
    const declarations = readdirSync(dist).filter((file) => file.endsWith('.d.ts'));
    expect(declarations, 'build the package first').toContain('index.d.ts');
    const kyReferences = declarations.flatMap((file) =>
      [...readFileSync(new URL(file, dist), 'utf8').replace(comments, '').matchAll(moduleSpecifier)]
        .map(([, specifier]) => specifier ?? '')
        .filter((specifier) => specifier === 'ky' || specifier.startsWith('ky/'))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(kyReferences).toEqual([]);
  });
});
