import {
  type AnswerContext,
  type BodyLimit,
  type BodyVerdict,
  type CheckedFetch,
  createCheckedFetch,
  parseJsonObject,
} from '@bridgekit/http';

/**
A successful Ingo answer: a JSON object. Text that is not JSON, or JSON that is no object, is a
`ResponseFormatError` (which names the request and status, never the body's values).
*/
function checkAnswer(text: string, answer: AnswerContext): BodyVerdict<object> {
  return { value: parseJsonObject(text, answer, 'a JSON object') };
}

/**
@internal The Ingo answers, parsed inside ky's retry loop (a body that breaks off is retried like
any other network failure) and handed to the caller parsed once, with no clone.
*/
export function createIngoAnswers(limit: BodyLimit): CheckedFetch<object> {
  return createCheckedFetch(checkAnswer, limit);
}
