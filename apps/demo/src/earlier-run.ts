import { ConfigurationError } from '@bridgekit/errors';
import type { SavedCheckpoint } from './checkpoint-file.js';
import type { CliOptions } from './cli-options.js';
import type { DemoConfiguration } from './configuration.js';
import type { ScreeningReport } from './report-model.js';

/** Refuses to continue a run against another tenant or in another mode. */
function requireSameTarget(
  flag: '--resume' | '--retry-failed',
  saved: { readonly mode: 'sandbox' | 'live'; readonly intendBaseUrl: string | null },
  configuration: DemoConfiguration,
): void {
  const baseUrl = configuration.mode === 'live' ? configuration.intend.baseUrl : null;
  if (saved.mode === configuration.mode && saved.intendBaseUrl === baseUrl) return;
  const original =
    saved.mode === 'live'
      ? `live, INTEND_BASE_URL=${saved.intendBaseUrl}`
      : 'sandbox mode: no INTEND_* or INGO_* variables';
  throw new ConfigurationError({
    option: flag,
    expected: `the configuration of the earlier run (${original})`,
  });
}

/** A resumed run continues the original one: same mode and tenant, same limit and sandbox size. */
export function resumedOptions(
  options: CliOptions,
  configuration: DemoConfiguration,
  saved: SavedCheckpoint,
): CliOptions {
  requireSameTarget('--resume', saved.settings, configuration);
  const { settings } = saved;
  return { ...options, limit: settings.limit ?? undefined, clients: settings.clients ?? options.clients };
}

/**
A rescoring run screens the failed rows of a report against what that report screened: same mode
and tenant, same sandbox size. It has no limit of its own: the report's rows are the list.
*/
export function rescoreOptions(
  options: CliOptions,
  configuration: DemoConfiguration,
  report: ScreeningReport,
): CliOptions {
  requireSameTarget('--retry-failed', report.settings, configuration);
  return { ...options, limit: undefined, clients: report.settings.sandbox?.clients ?? options.clients };
}
