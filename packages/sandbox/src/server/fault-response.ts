import type { HttpBindings } from '@hono/node-server';
import type { Fault } from './faults.js';
import { endlessResponse, truncatedResponse } from './spoiled-response.js';

/** @internal Marks a dropped connection for the in-process `fetch`, which has no socket to destroy. */
export const droppedHeader = 'x-bridgekit-sandbox-dropped';

const malformedJson = '{"status": 200, "response": true, "data": [{"id": 1, "name": ';

/**
@internal Answers a request the injector picked a fault for: `errorResponse` builds the API's own
error body for a status fault; `next` runs the route, for faults that spoil a real answer.
*/
export async function answerFault(
  fault: Fault,
  errorResponse: (status: number, message: string) => Response,
  env: Partial<HttpBindings> | undefined,
  next: () => Promise<Response>,
): Promise<Response> {
  switch (fault.kind) {
    case 'status': {
      const response = errorResponse(fault.status, 'Injected fault: the sandbox is misbehaving on purpose');
      if (fault.retryAfterSeconds !== undefined)
        response.headers.set('retry-after', String(fault.retryAfterSeconds));
      return response;
    }
    case 'drop':
      // Over a socket, destroy it; in-process, `fetch` turns the marker into a TypeError.
      env?.incoming?.socket.destroy();
      return new Response(null, { status: 599, headers: { [droppedHeader]: '1' } });
    case 'malformed-json':
      return new Response(malformedJson, { status: 200, headers: { 'content-type': 'application/json' } });
    case 'endless-body':
      return endlessResponse(fault.encoding);
    case 'redirect':
      return new Response(null, { status: fault.status, headers: { location: fault.location } });
    case 'truncated-body': {
      const response = await next();
      return truncatedResponse(response, await response.arrayBuffer(), env?.outgoing);
    }
  }
}
