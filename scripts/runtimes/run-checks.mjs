// The runtime step's script for Node, Bun and Deno, run inside a project that installed the packed
// tarballs with npm. Usage: <runtime> run-checks.mjs '<sandbox URLs and credentials as JSON>'.
// Prints one JSON line: the intend-signer entry the runtime resolved, every check's results and
// what the diagnostics channels published.
import * as ingoAuth from '@bridgekit/ingo-auth';
import * as intendClient from '@bridgekit/intend-client';
import * as signer from '@bridgekit/intend-signer';
import testVectors from '@bridgekit/intend-signer/test-vectors.json' with { type: 'json' };
import { checkEverything } from './usage-checks.mjs';

const config = JSON.parse(globalThis.Deno?.args[0] ?? globalThis.process.argv[2]);
const { result, channels } = await checkEverything(
  { signer, intendClient, ingoAuth, vectors: testVectors.vectors },
  config,
);
console.log(JSON.stringify({ entry: import.meta.resolve('@bridgekit/intend-signer'), result, channels }));
