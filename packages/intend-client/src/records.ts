// Types for the fields the vendor's v3 guides document. Intend returns more than it documents, so
// every record keeps unknown fields (`[field: string]: unknown`) rather than dropping them.

/** A `{name, code}` pair, as Intend uses for client types. */
export interface IntendCode {
  name?: string;
  code: string;
  [field: string]: unknown;
}

/** An address. The vendor does not document its fields. */
export interface IntendAddress {
  [field: string]: unknown;
}

/** A client, as returned by Query Clients. */
export interface IntendClientRecord {
  id: number;
  type?: IntendCode;
  department?: string;
  title?: string;
  account?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  tier?: string;
  currency?: string;
  agent?: Record<string, unknown> | null;
  sub_client_count?: number;
  discount_scope?: string;
  discount_rate?: number;
  discount_brackets?: unknown[];
  pricelist?: string;
  tax_ref?: Record<string, unknown>;
  detail?: Record<string, unknown>;
  billing_address?: IntendAddress;
  shipping_addresses?: IntendAddress[];
  contacts?: Record<string, unknown>[];
  /** A date such as `2018-12-11T22:46:55.000000Z`. */
  created_on?: string;
  [field: string]: unknown;
}

/** The body of Create Client. */
export interface IntendClientInput {
  type?: { code: string };
  department?: string;
  title?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  credentials?: { username: string; password: string };
  currency?: string;
  tax_ref?: { code: string };
  detail?: Record<string, unknown>;
  billing_address?: IntendAddress;
  shipping_addresses?: IntendAddress[];
  contacts?: Record<string, unknown>[];
  source?: string;
  source_status?: string;
  [field: string]: unknown;
}

/** A product, as returned by Query Products. */
export interface IntendProductRecord {
  id: number;
  category_id?: number;
  [field: string]: unknown;
}

/** A category, as returned by Query Categories. */
export interface IntendCategoryRecord {
  id: number;
  [field: string]: unknown;
}

/** A sale, as returned by Query Sale. */
export interface IntendSaleRecord {
  id: number | string;
  [field: string]: unknown;
}

/** The body of Create Sale. */
export interface IntendSaleInput {
  type?: string;
  department?: string;
  currency?: string;
  discount_rate?: number;
  tax_rate?: number;
  buyer?: Record<string, unknown>;
  items: Record<string, unknown>[];
  payment_status?: string;
  payment_ref?: string;
  [field: string]: unknown;
}
