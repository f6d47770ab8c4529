// Empties the current package's dist/ before a build: tsc never deletes the output of a source
// file that was removed, and `files: ["dist"]` would publish it.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
