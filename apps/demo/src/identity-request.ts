import type { IdentityScoreRequest, IngoAddress } from '@bridgekit/ingo-auth';
import type { IntendClientRecord } from '@bridgekit/intend-client';

/** A trimmed, non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The client's name as one string: first and last name, whichever are set. */
export function fullName(client: IntendClientRecord): string {
  return [client.first_name, client.last_name].filter(Boolean).join(' ');
}

function billingAddress(client: IntendClientRecord): IngoAddress | undefined {
  const billing = client.billing_address ?? {};
  const line1 = text(billing['line1']);
  const city = text(billing['city']);
  const state = text(billing['state']);
  const zipCode = text(billing['zip_code'] ?? billing['zipCode'] ?? billing['postcode'])?.slice(0, 5);
  if (!(line1 && city && state && zipCode)) return undefined;
  const line2 = text(billing['line2']);
  return { line1, ...(line2 ? { line2 } : {}), city, state, zipCode };
}

/**
Builds the identity score request from an Intend client. Intend records carry no SSN, which the
`identity` group needs, so the name travels as correlation data and the scored groups are the
email address, the mobile number and the billing address.
*/
export function identityRequest(client: IntendClientRecord): IdentityScoreRequest {
  const emailAddress = text(client.email);
  const mobileNumber = text(client['mobile'])?.replace(/\D/g, '');
  const address = billingAddress(client);
  return {
    ...(emailAddress ? { emailAddress } : {}),
    ...(mobileNumber?.length === 10 ? { mobileNumber } : {}),
    ...(address ? { address } : {}),
    correlationData: [
      { AttributeName: 'IntendClientId', AttributeValue: String(client.id) },
      { AttributeName: 'Name', AttributeValue: fullName(client) },
    ],
  };
}
