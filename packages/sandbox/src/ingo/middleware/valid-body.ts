import type { MiddlewareHandler } from 'hono';
import type { JsonBodyEnv, JsonObject } from '../../server/json-body.js';
import type { ValidationErrors } from '../ingo-validation.js';
import { inputValidationProblem } from '../problem-details.js';

/**
@internal Middleware, after `jsonObjectBody`, that applies an API's field rules to the body and
answers 400 `InputValidationError` with every failure keyed by field path.
*/
export function validBody(
  validate: (body: JsonObject) => ValidationErrors,
  nextTraceId: () => string,
): MiddlewareHandler<JsonBodyEnv> {
  return async (context, next) => {
    const errors = validate(context.var.jsonBody);
    if (Object.keys(errors).length > 0)
      return inputValidationProblem(context.req.path, nextTraceId(), errors);
    await next();
    return undefined;
  };
}
