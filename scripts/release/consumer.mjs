// An ES module consumer, run inside an empty project that installed one package from the registry
// with plain npm. Usage: node consumer.mjs <@bridgekit/ingo-auth | @bridgekit/intend-client>
// '<sandbox URLs and credentials as JSON>'.
import { checkIngoAuth, checkIntendClient } from './usage-checks.mjs';

const name = process.argv[2];
const checks = { '@bridgekit/ingo-auth': checkIngoAuth, '@bridgekit/intend-client': checkIntendClient };
const result = await checks[name](await import(name), JSON.parse(process.argv[3]));
console.log(
  `ESM consumer of ${name} passed on Node ${process.version}: ${JSON.stringify(result).length} bytes of results`,
);
