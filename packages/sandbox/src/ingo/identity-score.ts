import { isJsonObject, type JsonObject } from '../server/json-body.js';
import { normalize, randomFor, scoreGroup } from './ingo-scores.js';

const simpleGroups = ['emailAddress', 'mobileNumber', 'deviceId'] as const;

/**
@internal Answers a valid identity score request: one group for each group sent, scored from a hash
of the seed and the group's values (`null` when the band says not found).
*/
export function answerIdentityScore(seed: number, body: JsonObject, time: number): JsonObject {
  const result: JsonObject = {};
  const identity = body['identity'];
  if (isJsonObject(identity)) {
    const key = normalize(identity['firstName'], identity['lastName'], identity['ssn'], identity['dob']);
    const group = scoreGroup(seed, 'identity', key, time);
    const matches = randomFor(seed, 'identity-match', key);
    result['identity'] = group && {
      firstNameMatch: matches() < 0.9,
      lastNameMatch: matches() < 0.9,
      ...group,
    };
  }
  for (const field of simpleGroups) {
    if (body[field] !== undefined && body[field] !== null)
      result[field] = scoreGroup(seed, field, normalize(body[field]), time);
  }
  const address = body['address'];
  if (isJsonObject(address)) {
    const key = normalize(
      address['line1'],
      address['line2'],
      address['city'],
      address['state'],
      address['zipCode'],
    );
    result['address'] = scoreGroup(seed, 'address', key, time);
  }
  const geoLocation = body['geoLocation'];
  if (isJsonObject(geoLocation)) {
    const key = [geoLocation['latitude'], geoLocation['longitude']]
      .map((value) => Number(value).toFixed(3))
      .join(',');
    result['geoLocation'] = scoreGroup(seed, 'geoLocation', key, time);
  }
  return result;
}
