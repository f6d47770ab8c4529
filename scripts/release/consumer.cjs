// A CommonJS consumer: require() of the ESM-only packages, which Node 22 and later allow. Runs
// inside the same project as consumer.mjs, with the same arguments.
const name = process.argv[2];
const module_ = require(name);
const { checkIngoAuth, checkIntendClient } = require('./usage-checks.mjs');
const checks = { '@bridgekit/ingo-auth': checkIngoAuth, '@bridgekit/intend-client': checkIntendClient };

checks[name](module_, JSON.parse(process.argv[3])).then(
  () => console.log(`CommonJS consumer of ${name} passed on Node ${process.version}`),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
