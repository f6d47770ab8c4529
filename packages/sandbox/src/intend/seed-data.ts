import { pick, type Random, randomInteger } from '../server/seeded-random.js';

/** An Intend address (the vendor does not document its fields; these are the sandbox's). */
export interface SandboxAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip_code: string;
  country: string;
}

/** A client record shaped like the vendor's Query Clients table. */
export interface SandboxClient {
  id: number;
  type: { name: string; code: string };
  department: string;
  title: string;
  account: string;
  first_name: string;
  last_name: string;
  email: string;
  mobile: string;
  tier: string;
  currency: string;
  agent: { id: number; name: string } | null;
  sub_client_count: number;
  discount_scope: string;
  discount_rate: number;
  discount_brackets: { min_quantity: number; rate: number }[];
  pricelist: string;
  tax_ref: { code: string; name: string; rate: number };
  detail: { company_name: string | null; notes: string | null };
  billing_address: SandboxAddress;
  shipping_addresses: SandboxAddress[];
  contacts: { name: string; email: string; phone: string }[];
  source: string;
  source_status: string;
  created_on: string;
  [field: string]: unknown;
}

/** A product the Intend sandbox serves, as `createIntendSandbox({products: [...]})` takes it. */
export interface SandboxProduct {
  id: number;
  sku: string;
  name: string;
  category_id: number;
  price: number;
  currency: string;
  stock: number;
  created_on: string;
  [field: string]: unknown;
}

/** A category the Intend sandbox serves, as `createIntendSandbox({categories: [...]})` takes it. */
export interface SandboxCategory {
  id: number;
  name: string;
  category_type: string;
  parent_category_id: number | null;
  [field: string]: unknown;
}

const firstNames = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Margaret',
  'Dennis',
  'Radia',
  'Tim',
  'Sophie',
  'Linus',
  'Katherine',
  'John',
  'Hedy',
  'Guido',
  'Annie',
  'Niklaus',
];
const lastNames = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Hamilton',
  'Ritchie',
  'Perlman',
  'Berners-Lee',
  'Wilson',
  'Torvalds',
  'Johnson',
  'Backus',
  'Lamarr',
  'Rossum',
  'Easley',
  'Wirth',
];
const places = [
  ['Austin', 'TX', '787'],
  ['Denver', 'CO', '802'],
  ['Portland', 'OR', '972'],
  ['Atlanta', 'GA', '303'],
  ['Boston', 'MA', '021'],
  ['Chicago', 'IL', '606'],
  ['Phoenix', 'AZ', '850'],
  ['Seattle', 'WA', '981'],
] as const;
const streets = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Elm St', 'Park Rd', 'Lake Blvd', 'Hill St'];
const clientTypes = [
  { name: 'Trade', code: 'trade' },
  { name: 'Retail', code: 'retail' },
  { name: 'Wholesale', code: 'wholesale' },
] as const;
const departments = ['Sales', 'Online', 'Wholesale', 'Export'];
const tiers = ['bronze', 'silver', 'gold', 'platinum'];

// Dates advance from a fixed origin so the data is the same on every run.
const origin = Date.UTC(2018, 11, 11, 22, 46, 55);

function intendDate(offsetHours: number): string {
  return new Date(origin + offsetHours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

function address(random: Random): SandboxAddress {
  const [city, state, zipPrefix] = pick(random, places);
  return {
    line1: `${randomInteger(random, 1, 9999)} ${pick(random, streets)}`,
    line2: random() < 0.3 ? `Suite ${randomInteger(random, 100, 999)}` : null,
    city,
    state,
    zip_code: `${zipPrefix}${String(randomInteger(random, 0, 99)).padStart(2, '0')}`,
    country: 'US',
  };
}

export function generateClients(count: number, random: Random): SandboxClient[] {
  return Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    const firstName = pick(random, firstNames);
    const lastName = pick(random, lastNames);
    const type = pick(random, clientTypes);
    const billing = address(random);
    const email = `${firstName}.${lastName}.${id}@example.com`.toLowerCase();
    return {
      id,
      type: { ...type },
      department: pick(random, departments),
      title: pick(random, ['Mr', 'Ms', 'Mx', 'Dr']),
      account: `ACC-${String(id).padStart(6, '0')}`,
      first_name: firstName,
      last_name: lastName,
      email,
      mobile: `5${String(randomInteger(random, 0, 999_999_999)).padStart(9, '0')}`,
      tier: pick(random, tiers),
      currency: 'USD',
      agent:
        random() < 0.5
          ? { id: randomInteger(random, 1, 12), name: `Agent ${randomInteger(random, 1, 12)}` }
          : null,
      sub_client_count: randomInteger(random, 0, 4),
      discount_scope: pick(random, ['none', 'all', 'category']),
      discount_rate: randomInteger(random, 0, 20),
      discount_brackets: [{ min_quantity: 10, rate: 5 }],
      pricelist: pick(random, ['standard', 'trade', 'vip']),
      tax_ref: { code: 'STD', name: 'Standard rate', rate: 8.25 },
      detail: { company_name: type.code === 'retail' ? null : `${lastName} Holdings`, notes: null },
      billing_address: billing,
      shipping_addresses: [billing],
      contacts: [{ name: `${firstName} ${lastName}`, email, phone: `555-${String(id).padStart(4, '0')}` }],
      source: 'sandbox',
      source_status: 'active',
      created_on: intendDate(id * 7),
    };
  });
}

export function generateCategories(count: number, random: Random): SandboxCategory[] {
  const names = [
    'Hardware',
    'Software',
    'Services',
    'Accessories',
    'Consumables',
    'Furniture',
    'Lighting',
    'Tools',
  ];
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    name: names[index % names.length] ?? `Category ${index + 1}`,
    category_type: index < 4 ? 'product' : pick(random, ['product', 'service']),
    parent_category_id: index < 4 ? null : randomInteger(random, 1, 4),
  }));
}

export function generateProducts(
  count: number,
  categories: readonly SandboxCategory[],
  random: Random,
): SandboxProduct[] {
  return Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    return {
      id,
      sku: `SKU-${String(id).padStart(5, '0')}`,
      name: `${pick(random, ['Basic', 'Pro', 'Ultra', 'Mini'])} ${pick(random, ['Widget', 'Gadget', 'Bracket', 'Panel', 'Cable'])} ${id}`,
      category_id: categories.length === 0 ? 0 : (categories[index % categories.length]?.id ?? 0),
      price: randomInteger(random, 100, 100_000) / 100,
      currency: 'USD',
      stock: randomInteger(random, 0, 500),
      created_on: intendDate(id * 5),
    };
  });
}
