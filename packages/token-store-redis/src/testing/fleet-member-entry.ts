// Runs one fleet member (or the module named by the first argument, relative to this folder)
// straight from the TypeScript sources (Node strips the types): the sources import each other as
// `./x.js`, which this hook resolves to `./x.ts` when only that exists.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      const typescript = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(fileURLToPath(typescript))) return nextResolve(typescript.href, context);
    }
    return nextResolve(specifier, context);
  },
});

await import(new URL(process.argv[2] ?? './fleet-member.ts', import.meta.url).href);
