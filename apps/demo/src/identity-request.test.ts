import { describe, expect, it } from 'vitest';
import { identityRequest } from './identity-request.js';

describe('identityRequest', () => {
  it('maps an Intend client to the scored groups', () => {
    expect(
      identityRequest({
        id: 7,
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        mobile: '(512) 555-0100',
        billing_address: { line1: '1 Main St', line2: null, city: 'Austin', state: 'TX', zip_code: '78701' },
      }),
    ).toEqual({
      emailAddress: 'ada@example.com',
      mobileNumber: '5125550100',
      address: { line1: '1 Main St', city: 'Austin', state: 'TX', zipCode: '78701' },
      correlationData: [
        { AttributeName: 'IntendClientId', AttributeValue: '7' },
        { AttributeName: 'Name', AttributeValue: 'Ada Lovelace' },
      ],
    });
  });
});
