import { describeValue, ResponseFormatError } from '@bridgekit/errors';
import {
  type AnswerContext,
  type BodyLimit,
  type BodyVerdict,
  type CheckedFetch,
  createCheckedFetch,
} from '@bridgekit/http';

/**
A successful Ingo answer: a JSON object. Text that is not JSON, or JSON that is no object, is a
`ResponseFormatError` (which names the request and status, never the body's values).
*/
function checkAnswer(text: string, answer: AnswerContext): BodyVerdict<object> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the body.
    throw new ResponseFormatError({
      ...answer,
      expected: 'a JSON body',
      received: `${text.length} characters that are not JSON`,
    });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ResponseFormatError({ ...answer, expected: 'a JSON object', received: describeValue(body) });
  }
  return { value: body };
}

/**
@internal The Ingo answers, parsed inside ky's retry loop (a body that breaks off is retried like
any other network failure) and handed to the caller parsed once, with no clone.
*/
export function createIngoAnswers(limit: BodyLimit): CheckedFetch<object> {
  return createCheckedFetch(checkAnswer, limit);
}
