import { isJsonObject, type JsonObject } from '../server/json-body.js';

/** Field path (`Identity.FirstName`) -> messages, as Ingo's `InputValidationError` carries them. */
export type ValidationErrors = Record<string, string[]>;

const usStates: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH ' +
    'OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI'
  ).split(' '),
);
const micrSources: ReadonlySet<string> = new Set(['mag-stripe', 'ocr-reader', 'formatted', 'hand-keyed']);
const datePattern = /^(0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])[/-]\d{4}$/;

function label(path: string): string {
  const last = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  return last.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** Collects messages in FluentValidation's wording, which Ingo's APIs use. */
class Validator {
  readonly errors: ValidationErrors = {};

  add(path: string, message: string): void {
    const messages = this.errors[path] ?? [];
    this.errors[path] = messages;
    messages.push(message);
  }

  string(
    value: unknown,
    path: string,
    rules: {
      readonly required?: boolean;
      readonly max?: number;
      readonly exact?: readonly number[];
      readonly pattern?: RegExp;
      readonly patternMessage?: string;
    },
  ): void {
    const name = `'${label(path)}'`;
    if (value === undefined || value === null || value === '') {
      if (rules.required) this.add(path, `${name} must not be empty.`);
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, `${name} must be a string.`);
      return;
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.add(
        path,
        `The length of ${name} must be ${rules.max} characters or fewer. You entered ${value.length} characters.`,
      );
    }
    if (rules.exact && !rules.exact.includes(value.length)) {
      this.add(
        path,
        `${name} must be ${rules.exact.join(' or ')} characters in length. You entered ${value.length} characters.`,
      );
    }
    if (rules.pattern && !rules.pattern.test(value))
      this.add(path, rules.patternMessage ?? `${name} is not in the correct format.`);
  }

  object(value: unknown, path: string, required: boolean): value is JsonObject {
    if (value === undefined || value === null) {
      if (required) this.add(path, `'${label(path)}' must not be empty.`);
      return false;
    }
    if (!isJsonObject(value)) {
      this.add(path, `'${label(path)}' must be an object.`);
      return false;
    }
    return true;
  }

  correlationData(value: unknown): void {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) {
      this.add('CorrelationData', "'Correlation Data' must be an array.");
      return;
    }
    value.forEach((item: unknown, index) => {
      const path = `CorrelationData[${index}]`;
      if (!this.object(item, path, true)) return;
      this.string(item['AttributeName'], `${path}.AttributeName`, { required: true, max: 75 });
      this.string(item['AttributeValue'], `${path}.AttributeValue`, { required: true, max: 75 });
    });
  }
}

function coordinate(validator: Validator, value: unknown, path: string, limit: number): void {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (value === undefined || value === null || value === '') {
    validator.add(path, `'${label(path)}' must not be empty.`);
  } else if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) > limit) {
    validator.add(path, `'${label(path)}' must be a number from -${limit} to ${limit}.`);
  }
}

/** @internal Validates an identity score (fraud alert) request as the vendor's page documents it. */
export function validateIdentityScoreRequest(body: JsonObject): ValidationErrors {
  const validator = new Validator();
  const groups = ['identity', 'emailAddress', 'mobileNumber', 'address', 'deviceId', 'geoLocation'];
  if (groups.every((group) => body[group] === undefined || body[group] === null)) {
    validator.add('$', `At least one of ${groups.join(', ')} is required.`);
  }
  const identity = body['identity'];
  if (validator.object(identity, 'Identity', false)) {
    validator.string(identity['firstName'], 'Identity.FirstName', { required: true, max: 75 });
    validator.string(identity['lastName'], 'Identity.LastName', { required: true, max: 75 });
    validator.string(identity['ssn'], 'Identity.Ssn', {
      required: true,
      pattern: /^(\d{9}|\d{3}-\d{2}-\d{4}|\d{4})$/,
      patternMessage: "'Ssn' must be the full SSN (9 digits) or its last 4 digits.",
    });
    const lastFour = typeof identity['ssn'] === 'string' && /^\d{4}$/.test(identity['ssn']);
    validator.string(identity['dob'], 'Identity.Dob', {
      required: lastFour,
      pattern: datePattern,
      patternMessage: "'Dob' must be a date formatted MM/dd/yyyy or MM-dd-yyyy.",
    });
  }
  validator.string(body['emailAddress'], 'EmailAddress', {
    max: 320,
    pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
    patternMessage: "'Email Address' is not a valid email address.",
  });
  validator.string(body['mobileNumber'], 'MobileNumber', {
    pattern: /^\d{10}$/,
    patternMessage: "'Mobile Number' must be 10 digits.",
  });
  const address = body['address'];
  if (validator.object(address, 'Address', false)) {
    validator.string(address['line1'], 'Address.Line1', { required: true, max: 150 });
    validator.string(address['line2'], 'Address.Line2', { max: 150 });
    validator.string(address['city'], 'Address.City', { required: true, max: 150 });
    validator.string(address['state'], 'Address.State', { required: true, exact: [2] });
    if (
      typeof address['state'] === 'string' &&
      address['state'].length === 2 &&
      !usStates.has(address['state'].toUpperCase())
    ) {
      validator.add('Address.State', "'State' must be a valid US state code.");
    }
    validator.string(address['zipCode'], 'Address.ZipCode', {
      required: true,
      exact: [5],
      pattern: /^\d*$/,
      patternMessage: "'Zip Code' must contain digits only.",
    });
  }
  validator.string(body['deviceId'], 'DeviceId', { max: 100 });
  const geoLocation = body['geoLocation'];
  if (validator.object(geoLocation, 'GeoLocation', false)) {
    coordinate(validator, geoLocation['latitude'], 'GeoLocation.Latitude', 90);
    coordinate(validator, geoLocation['longitude'], 'GeoLocation.Longitude', 180);
  }
  validator.correlationData(body['correlationData']);
  return validator.errors;
}

/** @internal Validates a check maker score request. */
export function validateCheckMakerScoreRequest(body: JsonObject): ValidationErrors {
  const validator = new Validator();
  validator.string(body['aba'], 'Aba', {
    required: true,
    max: 10,
    pattern: /^\d*$/,
    patternMessage: "'Aba' must contain digits only.",
  });
  validator.string(body['accountNumber'], 'AccountNumber', { required: true, max: 25 });
  validator.correlationData(body['correlationData']);
  return validator.errors;
}

/** @internal Validates a duplicate exchange (dupex) inquiry. */
export function validateDupexInquiry(body: JsonObject): ValidationErrors {
  const validator = new Validator();
  validator.string(body['checkNumber'], 'CheckNumber', { required: true, max: 15 });
  validator.string(body['accountNumber'], 'AccountNumber', { required: true, max: 25 });
  validator.string(body['aba'], 'Aba', {
    required: true,
    exact: [9],
    pattern: /^\d*$/,
    patternMessage: "'Aba' must contain digits only.",
  });
  validator.string(body['micr'], 'Micr', { required: true, max: 75 });
  const amount = body['amountInCents'];
  if (amount === undefined || amount === null)
    validator.add('AmountInCents', "'Amount In Cents' must not be empty.");
  else if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) {
    validator.add('AmountInCents', "'Amount In Cents' must be a whole number greater than 0.");
  }
  validator.string(body['reason'], 'Reason', { required: true, max: 150 });
  const additional = body['additionalData'];
  if (validator.object(additional, 'AdditionalData', false)) {
    validator.string(additional['micrSource'], 'AdditionalData.MicrSource', { max: 15 });
    if (typeof additional['micrSource'] === 'string' && !micrSources.has(additional['micrSource'])) {
      validator.add(
        'AdditionalData.MicrSource',
        `'Micr Source' must be one of ${[...micrSources].join(', ')}.`,
      );
    }
    validator.string(additional['checkDate'], 'AdditionalData.CheckDate', {
      pattern: datePattern,
      patternMessage: "'Check Date' must be a date formatted MM/dd/yyyy or MM-dd-yyyy.",
    });
    validator.string(additional['checkMaker'], 'AdditionalData.CheckMaker', { max: 100 });
    validator.string(additional['checkType'], 'AdditionalData.CheckType', { max: 50 });
    validator.string(additional['transactionReferenceNumber'], 'AdditionalData.TransactionReferenceNumber', {
      max: 50,
    });
    validator.string(additional['customerId'], 'AdditionalData.CustomerId', { max: 50 });
  }
  validator.correlationData(body['correlationData']);
  return validator.errors;
}
