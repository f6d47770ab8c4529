import { SignatureError, SignatureFailureReason } from '@bridgekit/errors';
import type { TimestampUnit } from './signature-scheme.js';

// At most 15 digits: milliseconds until the year 33658, and always a safe integer.
const wholeNumber = /^[0-9]{1,15}$/;

const unitNames = { s: 'seconds', ms: 'milliseconds' } as const;

/**
The unit `value` seems to be written in when it is not `unit`: about a thousand times the clock
(milliseconds where seconds are expected) or a thousandth of it. The factor-of-two margin leaves
room for a clock that is also off; no real clock is off by that much in epoch terms.
*/
function likelyUnit(value: number, nowInUnit: number, unit: TimestampUnit): TimestampUnit | undefined {
  if (nowInUnit <= 0) return undefined;
  const ratio = unit === 's' ? value / nowInUnit : nowInUnit / value;
  return ratio >= 500 && ratio <= 2000 ? (unit === 's' ? 'ms' : 's') : undefined;
}

function outOfRange(value: number, nowInUnit: number, unit: TimestampUnit, header: string): SignatureError {
  const error = new SignatureError({ reason: SignatureFailureReason.TimestampOutOfRange, header });
  const likely = likelyUnit(value, nowInUnit, unit);
  if (likely === undefined) return error;
  // SignatureError's message blames the client clock; here the unit is the likely cause. The
  // reason stays `timestamp_out_of_range`, so only the message, for people, says more.
  const previous = error.message;
  error.message =
    `Signature verification failed: the timestamp looks like ${unitNames[likely]}; the scheme expects ` +
    `${unitNames[unit]}, so it falls outside the allowed window. Use the same timestampUnit as the ` +
    `clients (header \`${header}\`)`;
  // V8 writes the stack's first line when it is first read: fix it if something read it already.
  if (typeof error.stack === 'string' && error.stack.includes(previous)) {
    error.stack = error.stack.replace(previous, error.message);
  }
  return error;
}

/**
@internal
Checks the timestamp header's format, then that it is within `toleranceSeconds` of the clock
(read only then), and returns it in epoch milliseconds.
*/
export function checkTimestamp(
  timestamp: string,
  unit: TimestampUnit,
  clock: () => number,
  toleranceSeconds: number,
  header: string,
): number {
  if (!wholeNumber.test(timestamp)) {
    throw new SignatureError({ reason: SignatureFailureReason.MalformedTimestamp, header });
  }
  // Compared in the scheme's own unit: a seconds timestamp is the floor of the signer's clock, so
  // comparing in milliseconds would count up to 999 ms of rounding against the tolerance.
  const value = Number(timestamp);
  const seconds = unit === 's';
  const reading = clock();
  const nowInUnit = seconds ? Math.floor(reading / 1000) : Math.floor(reading);
  const tolerance = toleranceSeconds * (seconds ? 1 : 1000);
  if (Math.abs(nowInUnit - value) > tolerance) throw outOfRange(value, nowInUnit, unit, header);
  return seconds ? value * 1000 : value;
}
