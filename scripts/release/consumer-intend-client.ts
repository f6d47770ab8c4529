// Type-checks as a user's TypeScript project would (tsconfig written by the release check, once
// with moduleResolution nodenext and once with bundler), against the types from the registry.
import { createIntendClient, type IntendClientRecord, type Page } from '@bridgekit/intend-client';

const intend = createIntendClient({ baseUrl: 'https://acme.intend.com', apiKey: 'key', secretKey: 'secret' });
const first: IntendClientRecord[] = await intend.clients.list().toArray({ limit: 100 });
for await (const page of intend.clients.list().pages()) {
  const typed: Page<IntendClientRecord> = page;
  console.log(typed.number, typed.items.length);
}
const one: IntendClientRecord = await intend.clients.get(16);
// @ts-expect-error a client id is a number
await intend.clients.get({ id: 16 });

export { first, one };
