// Ingo sandbox exports
export { createIngoSandbox, type IngoSandbox, type IngoSandboxOptions } from './ingo/ingo-sandbox.js';
export { ingoSandboxScopes } from './ingo/ingo-scopes.js';
export type { IngoSandboxClient } from './ingo/token-endpoint.js';
// Intend sandbox exports
export { intendEnvelope } from './intend/intend-envelope.js';
export {
  createIntendSandbox,
  type IntendSandbox,
  type IntendSandboxOptions,
} from './intend/intend-sandbox.js';
export type { ListChange } from './intend/list-change.js';
export type { SandboxAddress, SandboxCategory, SandboxClient, SandboxProduct } from './intend/seed-data.js';
export type { Fault, FaultConfig, FaultOptions, Latency, ScriptedFault } from './server/faults.js';
export type { ListenOptions, RunningSandbox, Sandbox } from './server/sandbox-server.js';
export type { RouteStats, SandboxStats } from './server/sandbox-stats.js';
export { createSeededRandom, type Random } from './server/seeded-random.js';
