/** What the demo reads and writes: the process, or a test's stand-ins. */
export interface DemoIo {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborted on Ctrl-C: the run stops cleanly and leaves a checkpoint. */
  readonly signal: AbortSignal;
  readonly now?: () => Date;
}

/** Exit codes: 0 done, 1 a fatal error, 2 bad options or configuration, 130 interrupted. */
export const ExitCode = { Done: 0, Fatal: 1, Usage: 2, Interrupted: 130 } as const;
