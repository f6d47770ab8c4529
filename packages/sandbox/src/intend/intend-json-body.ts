import type { MiddlewareHandler } from 'hono';
import { type JsonBodyEnv, jsonObjectBody } from '../server/json-body.js';
import { intendEnvelope } from './intend-envelope.js';

/** @internal The shared JSON body middleware, refusing in the Intend envelope (400). */
export const intendJsonBody: MiddlewareHandler<JsonBodyEnv> = jsonObjectBody(() =>
  intendEnvelope(400, null, 'The body must be a JSON object'),
);
