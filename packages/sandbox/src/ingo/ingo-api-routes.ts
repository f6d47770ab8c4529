import type { JsonObject } from '../server/json-body.js';
import { jsonObjectBody } from '../server/json-body.js';
import type { SandboxApp } from '../server/sandbox-server.js';
import type { IssuedToken } from './access-tokens.js';
import { answerCheckMakerScore } from './check-maker-score.js';
import type { DupexLedger } from './dupex-ledger.js';
import { answerIdentityScore } from './identity-score.js';
import { ingoSandboxScopes } from './ingo-scopes.js';
import {
  type ValidationErrors,
  validateCheckMakerScoreRequest,
  validateDupexInquiry,
  validateIdentityScoreRequest,
} from './ingo-validation.js';
import { apiVersion } from './middleware/api-version.js';
import { type BearerTokenSettings, bearerToken } from './middleware/bearer-token.js';
import { jsonContentType } from './middleware/json-content-type.js';
import { requiredScope } from './middleware/required-scope.js';
import { validBody } from './middleware/valid-body.js';
import { inputValidationProblem, problemResponse } from './problem-details.js';

/** @internal What the Ingo APIs need from the sandbox. */
export interface IngoApiSettings extends BearerTokenSettings {
  readonly seed: number;
  readonly ledger: DupexLedger;
}

/** A valid request, as the checks before the answer leave it. */
interface CheckedRequest {
  readonly body: JsonObject;
  readonly token: IssuedToken;
  readonly time: number;
}

interface IngoApi {
  readonly path: string;
  readonly scope: string;
  readonly validate: (body: JsonObject) => ValidationErrors;
  readonly answer: (request: CheckedRequest) => unknown;
}

function ingoApis(settings: IngoApiSettings): readonly IngoApi[] {
  const { seed, ledger } = settings;
  return [
    {
      path: '/identity/score',
      scope: ingoSandboxScopes.identityScore,
      validate: validateIdentityScoreRequest,
      answer: ({ body, time }) => answerIdentityScore(seed, body, time),
    },
    {
      path: '/check-maker/score',
      scope: ingoSandboxScopes.checkMakerScore,
      validate: validateCheckMakerScoreRequest,
      answer: ({ body, time }) => answerCheckMakerScore(seed, body, time),
    },
    {
      path: '/dupex/inquiry',
      scope: ingoSandboxScopes.dupexInquiry,
      validate: validateDupexInquiry,
      answer: ({ body, token, time }) => ledger.inquire(token.clientId, body, time),
    },
  ];
}

/**
@internal Registers the risk APIs. Each POST runs the checks as middleware, in the order Ingo's
ASP.NET APIs apply them: bearer token (401), scope (403), API version (400), media type (415),
JSON object body and field rules (400 `InputValidationError`); then the answer. Other methods get
405 and other paths 404 `ResourceNotFound`.
*/
export function registerIngoApiRoutes(app: SandboxApp, settings: IngoApiSettings): void {
  const { nextTraceId } = settings;
  const notAnObject = { $: ['The request body must be a JSON object.'] };
  for (const api of ingoApis(settings)) {
    app.post(
      api.path,
      bearerToken(settings),
      requiredScope(api.scope, nextTraceId),
      apiVersion(nextTraceId),
      jsonContentType(nextTraceId),
      jsonObjectBody((context) => inputValidationProblem(context.req.path, nextTraceId(), notAnObject)),
      validBody(api.validate, nextTraceId),
      (context) => {
        const { jsonBody, token, requestTime } = context.var;
        return Response.json(api.answer({ body: jsonBody, token, time: requestTime }), { status: 200 });
      },
    );
    app.all(api.path, (context) =>
      problemResponse(
        {
          status: 405,
          detail: `${context.req.method} is not allowed; use POST.`,
          instance: api.path,
          traceId: nextTraceId(),
        },
        { allow: 'POST' },
      ),
    );
  }
  app.all('*', (context) =>
    problemResponse({
      status: 404,
      detail: `Resource '${context.req.path}' not found.`,
      instance: context.req.path,
      traceId: nextTraceId(),
    }),
  );
}
