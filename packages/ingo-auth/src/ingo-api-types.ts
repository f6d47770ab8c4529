// Request and response shapes from Ingo's risk services developer pages. Fields Ingo marks
// optional are optional here; every response may carry fields these types do not name.

/** Client correlation data, echoed in Ingo's records. Names and values: at most 75 characters. */
export interface CorrelationDatum {
  readonly AttributeName: string;
  readonly AttributeValue: string;
}

/** A US postal address. */
export interface IngoAddress {
  /** At most 150 characters. */
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  /** The two-letter state code. */
  readonly state: string;
  /** Five digits. */
  readonly zipCode: string;
}

/** `POST /identity/score` (Ingo calls it the fraud alert API). Send at least one group. */
export interface IdentityScoreRequest {
  readonly identity?: {
    /** At most 75 characters. */
    readonly firstName: string;
    /** At most 75 characters. */
    readonly lastName: string;
    /** The full SSN or its last four digits. */
    readonly ssn: string;
    /** `MM/dd/yyyy` or `MM-dd-yyyy`; required with the last four digits of the SSN. */
    readonly dob?: string;
  };
  /** At most 320 characters. */
  readonly emailAddress?: string;
  /** Ten digits. */
  readonly mobileNumber?: string;
  readonly address?: IngoAddress;
  /** At most 100 characters. */
  readonly deviceId?: string;
  readonly geoLocation?: { readonly latitude: number | string; readonly longitude: number | string };
  readonly correlationData?: readonly CorrelationDatum[];
}

/**
One response group. `score`: 1000 to 499 positive, about 300 neutral, 299, 199, 99 and 9
negative buckets, 9999 matched with nothing positive or negative to report. A group Ingo could
not locate is `null` instead (see `scoreBand`).
*/
export interface ScoreGroup {
  readonly score: number;
  /** `MM-dd-yyyy`. */
  readonly firstSeenOn: string;
  /** `MM-dd-yyyy`. */
  readonly lastSeenOn: string;
}

/** The identity score answer: one group per group sent, `null` when not found. */
export interface IdentityScoreResponse {
  readonly identity?:
    | (ScoreGroup & { readonly firstNameMatch: boolean; readonly lastNameMatch: boolean })
    | null;
  readonly emailAddress?: ScoreGroup | null;
  readonly mobileNumber?: ScoreGroup | null;
  readonly address?: ScoreGroup | null;
  readonly deviceId?: ScoreGroup | null;
  readonly geoLocation?: ScoreGroup | null;
}

/** `POST /check-maker/score`: the account a check is drawn on. */
export interface CheckMakerScoreRequest {
  /** The ABA routing number, at most 10 characters. */
  readonly aba: string;
  /** At most 25 characters. */
  readonly accountNumber: string;
  readonly correlationData?: readonly CorrelationDatum[];
}

/**
The check maker score answer. Ingo's pages show the request but not the response; bridgekit
assumes a score group, with every field `null` when the maker is not found. Check it against the
specification Ingo gives you.
*/
export interface CheckMakerScoreResponse {
  readonly score: number | null;
  readonly firstSeenOn: string | null;
  readonly lastSeenOn: string | null;
}

/** Where the MICR line was read from. */
export type MicrSource = 'mag-stripe' | 'ocr-reader' | 'formatted' | 'hand-keyed';

/** `POST /inquiry` on the duplicate exchange (dupex): has another Ingo client accepted this check? */
export interface DupexInquiryRequest {
  /** At most 15 characters. */
  readonly checkNumber: string;
  /** At most 25 characters. */
  readonly accountNumber: string;
  /** The ABA routing number: nine digits. */
  readonly aba: string;
  /** At most 75 characters. */
  readonly micr: string;
  /** A whole number above zero. */
  readonly amountInCents: number;
  /** At most 150 characters. */
  readonly reason: string;
  readonly additionalData?: {
    readonly micrSource?: MicrSource;
    /** `MM/dd/yyyy` or `MM-dd-yyyy`. */
    readonly checkDate?: string;
    readonly checkMaker?: string;
    /** One of Ingo's check type codes (`stimulus`, `payroll--...`, `money-order`, ...). */
    readonly checkType?: string;
    readonly transactionReferenceNumber?: string;
    readonly customerId?: string;
  };
  readonly correlationData?: readonly CorrelationDatum[];
}

/** How often, and when last, a check was seen by you (`self`) or other clients (`other`). */
export interface DupexCounts {
  readonly count: number;
  /** ISO 8601, or null when never. */
  readonly mostRecentDateTime: string | null;
}

/** Counts for you and for other Ingo clients. */
export interface DupexStats {
  readonly self: DupexCounts;
  readonly other: DupexCounts;
}

/** The duplicate exchange answer. */
export interface DupexInquiryResponse {
  /** Whether the amount matches the one first presented for this check. */
  readonly amountMatches: boolean;
  readonly checkId: string;
  readonly checkStatus: 'Used' | 'NotUsed';
  readonly inquiryStats: DupexStats;
  readonly confirmationStats: DupexStats;
  readonly confirmationReversalStats: DupexStats;
}
