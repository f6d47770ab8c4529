import { ConfigurationError } from '@bridgekit/errors';
import type { FaultConfig, FaultOptions, ScriptedFault } from './faults.js';
import { assertNumber, assertObject, assertText } from './option-checks.js';

const rateKeys = [
  'errorRate',
  'rateLimitRate',
  'dropRate',
  'malformedJsonRate',
  'truncatedBodyRate',
] as const;
const faultOptionKeys = ['latency', 'errorStatuses', 'retryAfterSeconds', ...rateKeys] as const;
const kinds = ['status', 'drop', 'malformed-json', 'truncated-body', 'redirect', 'endless-body'] as const;

/** The routes a sandbox serves, as `METHOD path`; a fault route is a path or one of these. */
export type RouteList = () => readonly string[];

// A route that matched no request would inject nothing, and the test would pass without testing.
function assertRoute(route: unknown, option: string, routes: RouteList): void {
  assertText(route, option);
  const known = routes();
  const matches = known.some((each) => {
    const [method, path] = each.split(' ');
    return each === route || path === route || (method === 'ALL' && (route as string).endsWith(` ${path}`));
  });
  if (!matches) {
    throw new ConfigurationError({
      option,
      expected: `a path or \`METHOD path\` the sandbox serves: ${known.join(', ')}`,
      received: route,
    });
  }
}

function assertFaultOptions(value: unknown, option: string): void {
  const options = assertObject(value, option, faultOptionKeys);
  for (const rate of rateKeys) assertNumber(options[rate], `${option}.${rate}`, 0, 1, false);
  assertNumber(options['retryAfterSeconds'], `${option}.retryAfterSeconds`, 0, 86_400, false);
  const latency = options['latency'];
  if (typeof latency === 'object' && latency !== null) {
    const { min, max } = assertObject(latency, `${option}.latency`, ['min', 'max']);
    assertNumber(min, `${option}.latency.min`, 0, 60_000, false);
    assertNumber(max, `${option}.latency.max`, typeof min === 'number' ? min : 0, 60_000, false);
  } else assertNumber(latency, `${option}.latency`, 0, 60_000, false);
  const statuses = options['errorStatuses'];
  if (statuses === undefined) return;
  if (!Array.isArray(statuses) || statuses.length === 0) {
    throw new ConfigurationError({
      option: `${option}.errorStatuses`,
      expected: 'a non-empty array of statuses',
      received: statuses,
    });
  }
  for (const [index, status] of statuses.entries()) {
    assertNumber(status, `${option}.errorStatuses[${index}]`, 100, 599);
  }
}

/** @internal Checks a sandbox's fault configuration: rates from 0 to 1, routes it serves. */
export function assertFaultConfig(value: unknown, routes: RouteList, option = 'faults'): FaultConfig {
  if (value === undefined) return {};
  const config = assertObject(value, option, [...faultOptionKeys, 'routes']);
  const { routes: perRoute, ...sandboxWide } = config;
  assertFaultOptions(sandboxWide, option);
  if (perRoute !== undefined) {
    const entries = Object.entries(
      assertObject(perRoute, `${option}.routes`, Object.keys(perRoute as object)),
    );
    for (const [route, options] of entries) {
      assertRoute(route, `${option}.routes['${route}']`, routes);
      assertFaultOptions(options as FaultOptions, `${option}.routes['${route}']`);
    }
  }
  return value as FaultConfig;
}

/** @internal Checks a scripted fault: a known kind with its fields, a route the sandbox serves. */
export function assertScriptedFault(value: unknown, routes: RouteList): ScriptedFault {
  const fault = assertObject(value, 'fault', [
    'kind',
    'route',
    'times',
    'after',
    'status',
    'retryAfterSeconds',
    'location',
    'encoding',
  ]);
  if (!(kinds as readonly unknown[]).includes(fault['kind'])) {
    throw new ConfigurationError({
      option: 'fault.kind',
      expected: `one of ${kinds.map((kind) => `'${kind}'`).join(', ')}`,
      received: fault['kind'],
    });
  }
  if (fault['route'] !== undefined) assertRoute(fault['route'], 'fault.route', routes);
  assertNumber(fault['times'], 'fault.times', 1, 1_000_000);
  assertNumber(fault['after'], 'fault.after', 0, 1_000_000);
  assertNumber(fault['retryAfterSeconds'], 'fault.retryAfterSeconds', 0, 86_400, false);
  if (fault['kind'] === 'status') {
    if (fault['status'] === undefined)
      throw new ConfigurationError({ option: 'fault.status', expected: 'an HTTP status from 100 to 599' });
    assertNumber(fault['status'], 'fault.status', 100, 599);
  }
  if (fault['kind'] === 'redirect') {
    if (![301, 302, 303, 307, 308].includes(fault['status'] as number)) {
      throw new ConfigurationError({
        option: 'fault.status',
        expected: '301, 302, 303, 307 or 308',
        received: fault['status'],
      });
    }
    assertText(fault['location'], 'fault.location');
  }
  if (fault['encoding'] !== undefined && fault['encoding'] !== 'gzip') {
    throw new ConfigurationError({
      option: 'fault.encoding',
      expected: "'gzip' (or nothing)",
      received: fault['encoding'],
    });
  }
  return value as ScriptedFault;
}
