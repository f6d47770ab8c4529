import type { Random } from '../server/seeded-random.js';
import { normalize, randomFor } from './ingo-scores.js';

/** How often, and when last, a check was seen by this client (`self`) or others (`other`). */
export interface DupexCounts {
  readonly count: number;
  /** ISO 8601, or null when never. */
  readonly mostRecentDateTime: string | null;
}

/** The duplicate exchange answer for one check presentment. */
export interface DupexInquiryResult {
  /** Whether the amount matches the one first presented for this check. */
  readonly amountMatches: boolean;
  readonly checkId: string;
  readonly checkStatus: 'Used' | 'NotUsed';
  readonly inquiryStats: { readonly self: DupexCounts; readonly other: DupexCounts };
  readonly confirmationStats: { readonly self: DupexCounts; readonly other: DupexCounts };
  readonly confirmationReversalStats: { readonly self: DupexCounts; readonly other: DupexCounts };
}

interface CheckRecord {
  readonly checkId: string;
  readonly amountInCents: number;
  readonly usedByOther: boolean;
  readonly otherInquiries: number;
  readonly otherSeenAt: string | null;
  readonly selfInquiries: Map<string, { count: number; mostRecentDateTime: string }>;
}

const never: DupexCounts = { count: 0, mostRecentDateTime: null };
const hour = 3_600_000;

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
@internal Remembers check presentments. Whether another client already cashed a check is drawn
from the seed and the check's identity (about one in five), or forced by a `reason` containing
`duplicate`; the calling client's own inquiries are counted.
*/
export class DupexLedger {
  readonly #checks = new Map<string, CheckRecord>();
  readonly #seed: number;

  constructor(seed: number) {
    this.#seed = seed;
  }

  inquire(clientId: string, body: Record<string, unknown>, now: number): DupexInquiryResult {
    const key = normalize(body['aba'], body['accountNumber'], body['checkNumber']);
    const amount = body['amountInCents'] as number;
    let record = this.#checks.get(key);
    if (!record) {
      const random = randomFor(this.#seed, 'dupex', key);
      const forced = String(body['reason'] ?? '')
        .toLowerCase()
        .includes('duplicate');
      const usedByOther = forced || random() < 0.2;
      const otherInquiries = usedByOther ? 1 + Math.floor(random() * 3) : Math.floor(random() * 2);
      record = {
        checkId: uuid(random),
        amountInCents: amount,
        usedByOther,
        otherInquiries,
        otherSeenAt:
          otherInquiries > 0 ? new Date(now - (1 + Math.floor(random() * 240)) * hour).toISOString() : null,
        selfInquiries: new Map(),
      };
      this.#checks.set(key, record);
    }
    const previous = record.selfInquiries.get(clientId);
    const self = { count: (previous?.count ?? 0) + 1, mostRecentDateTime: new Date(now).toISOString() };
    record.selfInquiries.set(clientId, self);
    const other: DupexCounts = { count: record.otherInquiries, mostRecentDateTime: record.otherSeenAt };
    return {
      amountMatches: record.amountInCents === amount,
      checkId: record.checkId,
      checkStatus: record.usedByOther ? 'Used' : 'NotUsed',
      inquiryStats: { self: { ...self }, other },
      confirmationStats: {
        self: never,
        other: record.usedByOther ? { count: 1, mostRecentDateTime: record.otherSeenAt } : never,
      },
      confirmationReversalStats: { self: never, other: never },
    };
  }
}
