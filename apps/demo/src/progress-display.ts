import cliProgress from 'cli-progress';
import type { ScreeningProgress } from './screening-job.js';

/** Shows progress: a live bar on a terminal, plain lines elsewhere (CI, pipes, files). */
export interface ProgressDisplay {
  update(progress: ScreeningProgress): void;
  stop(): void;
}

export function createProgressDisplay(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  expectedTotal: number | undefined,
): ProgressDisplay {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'screening {bar} {value}/{total} clients | {failed} failed | {pages} pages | {rate}/s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = performance.now();
    let stopped = false;
    bar.start(expectedTotal ?? 0, 0, { failed: 0, pages: 0, rate: '0' });
    return {
      update(progress) {
        if (stopped) return;
        const total = progress.listingDone ? progress.listed : Math.max(expectedTotal ?? 0, progress.listed);
        const seconds = (performance.now() - started) / 1000;
        bar.setTotal(total);
        bar.update(progress.screened, {
          failed: progress.failed,
          pages: progress.pagesFetched,
          rate: (progress.screened / Math.max(seconds, 0.001)).toFixed(0),
        });
      },
      stop: () => {
        if (stopped) return;
        stopped = true;
        bar.stop();
      },
    };
  }
  let lastPages = 0;
  // The first update sets the baseline: a resumed run does not repeat what it resumed from.
  let lastReported: number | undefined;
  return {
    update(progress) {
      if (progress.pagesFetched > lastPages) {
        lastPages = progress.pagesFetched;
        // The page's own number: a resumed run starts listing past page 1.
        stream.write(`fetched Intend page ${progress.lastPage} (${progress.listed} clients listed)\n`);
      }
      lastReported ??= progress.screened;
      if (Math.floor(progress.screened / 50) > Math.floor(lastReported / 50)) {
        lastReported = progress.screened;
        stream.write(`screened ${progress.screened} clients (${progress.failed} failed)\n`);
      }
    },
    stop: () => undefined,
  };
}
