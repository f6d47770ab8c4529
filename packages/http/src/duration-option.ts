import { ConfigurationError } from '@bridgekit/errors';

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); Node fires longer ones after 1 ms. */
export const maxTimerDelay: number = 2 ** 31 - 1;

/** How a duration option is named and checked. */
export interface DurationOptionDescription {
  /** The option's name as the user wrote it. @example 'timeout' */
  readonly option: string;
  /** The value when the option is left out. */
  readonly fallback: number;
  /**
  Whether zero is accepted (a `refreshAhead` of 0 is meaningful, a `timeout` of 0 is not).
  @default false
  */
  readonly allowZero?: boolean;
}

/**
Checks a number of milliseconds: finite, positive (or zero where allowed), and at most
{@link maxTimerDelay}, since a longer timer would fire at once.

@example
```
const timeout = resolveDuration(options.timeout, {option: 'timeout', fallback: 30_000});
```
*/
export function resolveDuration(value: unknown, description: DurationOptionDescription): number {
  const { option, fallback, allowZero = false } = description;
  if (value === undefined) return fallback;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value <= maxTimerDelay &&
    (allowZero ? value >= 0 : value > 0);
  if (!valid) {
    throw new ConfigurationError({
      option,
      expected: `${allowZero ? 'a number of milliseconds, zero or more' : 'a positive number of milliseconds'}, at most ${maxTimerDelay} (2^31 - 1)`,
      received: value,
    });
  }
  return value;
}
