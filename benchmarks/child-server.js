// Serves a sandbox in a process of its own, so that a benchmark's client does not share its CPU
// with the server it measures against. Prints the URL on the first line, serves until killed.
// Usage: node benchmarks/child-server.js '{"kind":"intend","options":{...}}' <URL of @bridgekit/sandbox>
// (the URL as the benchmark resolved it: this folder is no package and resolves no dependency).
const { kind, options } = JSON.parse(process.argv[2] ?? '{}');
const { createIngoSandbox, createIntendSandbox } = await import(process.argv[3] ?? '@bridgekit/sandbox');
const sandbox = kind === 'ingo' ? createIngoSandbox(options) : createIntendSandbox(options);
const running = await sandbox.listen();
console.log(running.url);
process.on('SIGTERM', () => running.close().then(() => process.exit(0)));
