import type { JsonObject } from '../server/json-body.js';
import { normalize, type ScoreGroup, scoreGroup } from './ingo-scores.js';

/** The check maker's answer when it does not know the maker: every field `null`. */
type UnknownMaker = { readonly score: null; readonly firstSeenOn: null; readonly lastSeenOn: null };

/** @internal Answers a valid check maker score request with one group, scored from ABA and account. */
export function answerCheckMakerScore(
  seed: number,
  body: JsonObject,
  time: number,
): ScoreGroup | UnknownMaker {
  return (
    scoreGroup(seed, 'checkMaker', normalize(body['aba'], body['accountNumber']), time) ?? {
      score: null,
      firstSeenOn: null,
      lastSeenOn: null,
    }
  );
}
