import type { DoctorCheck } from './check.js';
import { doctorSettings } from './doctor-configuration.js';
import { ingoChecks } from './ingo-doctor.js';
import { intendChecks } from './intend-doctor.js';
import { redisChecks } from './redis-doctor.js';

/** What `runDoctor` is given. */
export interface DoctorOptions {
  /**
  The variables to read: `INTEND_*`, `INGO_*`, `REDIS_URL` (and `TOKEN_CACHE_KEY` for the Redis
  round trip).
  @example process.env
  */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What `runDoctor` found. */
export interface DoctorReport {
  /** One line per check, in the order run: Intend, Ingo, Redis. */
  readonly checks: readonly DoctorCheck[];
  /** Whether no check failed (`bridgekit doctor` exits 0). */
  readonly ok: boolean;
}

/**
Checks every service the environment configures and reports one line per check. A service
without variables is skipped; no service at all is a `ConfigurationError` naming what to set,
as is a malformed variable.

@example
```
const report = await runDoctor({env: process.env});
for (const line of report.checks) console.log(line.status, line.name, line.message);
```
*/
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const settings = doctorSettings(options.env);
  const checks: DoctorCheck[] = [];
  if (settings.intend) checks.push(...(await intendChecks(settings.intend)));
  if (settings.ingo) checks.push(...(await ingoChecks(settings.ingo)));
  if (settings.redisUrl) checks.push(...(await redisChecks(settings.redisUrl, options.env)));
  return { checks, ok: checks.every((line) => line.status !== 'fail') };
}
