import { check, type DoctorCheck } from './check.js';

/** @internal Milliseconds a server's `Date` is ahead of this machine's clock (negative: behind). */
export function offsetFrom(date: string | Date | null | undefined, receivedAt: number): number | undefined {
  if (date === null || date === undefined) return undefined;
  const time = typeof date === 'string' ? Date.parse(date) : date.getTime();
  return Number.isNaN(time) ? undefined : time - receivedAt;
}

/**
@internal The clock line of one service: `Date` has one-second steps, so an offset within
`tolerance` is as good as none.
*/
export function clockCheck(
  name: string,
  server: string,
  offsetMs: number | undefined,
  tolerance: number,
  effect: string,
): DoctorCheck {
  if (offsetMs === undefined)
    return check(name, 'warn', `${server} sent no Date header: the offset is unknown`);
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const words =
    seconds <= 1
      ? 'agrees with this machine (within the Date header’s 1 s)'
      : `is ${seconds} s ${offsetMs > 0 ? 'ahead of' : 'behind'} this machine`;
  if (Math.abs(offsetMs) <= tolerance) return check(name, 'ok', `${server}'s clock ${words}`);
  return check(
    name,
    'warn',
    `${server}'s clock ${words}: ${effect}`,
    'sync this machine’s clock (NTP, e.g. `timedatectl set-ntp true`)',
  );
}
