// The runtime step's worker: bundled by esbuild with --conditions=workerd,worker (so the signer's
// Web Crypto entry is the one bundled) and run in workerd by Miniflare. POST the sandbox URLs and
// credentials as JSON; it answers every check's results and what the diagnostics channels published
// as JSON, or 500 with the error.
import * as ingoAuth from '@bridgekit/ingo-auth';
import * as intendClient from '@bridgekit/intend-client';
import * as signer from '@bridgekit/intend-signer';
import testVectors from '@bridgekit/intend-signer/test-vectors.json' with { type: 'json' };
import { checkEverything } from './usage-checks.mjs';

export default {
  async fetch(request) {
    try {
      const modules = { signer, intendClient, ingoAuth, vectors: testVectors.vectors };
      return Response.json(await checkEverything(modules, await request.json()));
    } catch (error) {
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};
