import { HttpError } from '@bridgekit/errors';
import { createIntendClient } from '@bridgekit/intend-client';
import { createIntendSigner } from '@bridgekit/intend-signer';
import { check, type DoctorCheck, reasonOf } from './check.js';
import { clockCheck, offsetFrom } from './clock-offset.js';
import type { IntendSettings } from './doctor-configuration.js';
import { describeCandidates, type SignatureCandidate, signatureCandidates } from './signature-candidates.js';

/** What one signed page request came to. */
type Attempt =
  | { readonly kind: 'accepted'; readonly offsetMs: number | undefined }
  | { readonly kind: 'refused'; readonly offsetMs: number | undefined }
  | { readonly kind: 'failed'; readonly error: unknown };

/** The client's own default clock tolerance: past it, it corrects the clock from a 401. */
const clockTolerance = 30_000;

async function trySigning(
  settings: IntendSettings,
  candidate: SignatureCandidate,
  clockOffsetMs: number,
): Promise<Attempt> {
  const signer = createIntendSigner({ ...settings, scheme: candidate.scheme, clockOffsetMs });
  const intend = createIntendClient({ baseUrl: settings.baseUrl, signer, timeout: 15_000 });
  try {
    const { response } = await intend.request('GET', '/api/clients', { query: { page: 1 } }).withResponse();
    return { kind: 'accepted', offsetMs: offsetFrom(response.headers.get('date'), Date.now()) };
  } catch (error) {
    if (HttpError.isInstance(error) && error.status === 401) {
      return { kind: 'refused', offsetMs: offsetFrom(error.serverDate, Date.now()) };
    }
    return { kind: 'failed', error };
  }
}

function failedCheck(settings: IntendSettings, error: unknown, tried: number): DoctorCheck {
  const reason = reasonOf(error);
  if (!HttpError.isInstance(error)) {
    return check(
      'intend reach',
      'fail',
      `${settings.baseUrl} did not answer: ${reason}`,
      'check INTEND_BASE_URL and the network (proxy, firewall, DNS)',
    );
  }
  return check(
    'intend signature',
    'fail',
    `a signed page request was answered ${error.status} after ${tried} signature(s) tried: ${reason}`,
    error.status === 404
      ? 'check INTEND_BASE_URL: it is your tenant’s address, such as https://acme.intend.com'
      : 'ask Intend what this status means for your API key',
  );
}

function notAccepted(tried: readonly SignatureCandidate[]): DoctorCheck {
  return check(
    'intend signature',
    'fail',
    `all ${tried.length} signatures tried were refused with 401 (${describeCandidates()})`,
    'check INTEND_API_KEY and INTEND_SECRET_KEY (a wrong key or secret is refused like a wrong scheme); if both are right, ' +
      'ask Intend which string is signed (API key and timestamp, or the whole request), the HMAC hash, the encoding and the timestamp unit',
  );
}

/**
@internal Intend: one signed `GET /api/clients?page=1` with each scheme and variant the signer offers
until one is accepted, the clock offset from the answers' `Date` (later tries are signed with it).
*/
export async function intendChecks(settings: IntendSettings): Promise<DoctorCheck[]> {
  const tried: SignatureCandidate[] = [];
  let offsetMs: number | undefined;
  const clockLine = () =>
    clockCheck(
      'intend clock',
      'Intend',
      offsetMs,
      clockTolerance,
      'the client corrects it from the first 401’s Date, at the cost of one resend',
    );
  for (const candidate of signatureCandidates()) {
    tried.push(candidate);
    const attempt = await trySigning(settings, candidate, offsetMs ?? 0);
    if (attempt.kind === 'failed') {
      const reached = HttpError.isInstance(attempt.error);
      const reach = reached ? [check('intend reach', 'ok', `${settings.baseUrl} answers`)] : [];
      return [
        ...reach,
        failedCheck(settings, attempt.error, tried.length),
        ...(reached ? [clockLine()] : []),
      ];
    }
    offsetMs ??= attempt.offsetMs;
    if (attempt.kind === 'accepted') {
      const where = tried.length === 1 ? 'at the first request' : `after ${tried.length} tries`;
      const use = candidate.option.startsWith('the default')
        ? 'no `scheme` option needed'
        : `pass \`${candidate.option}\` to createIntendClient or createIntendSigner`;
      return [
        check('intend reach', 'ok', `${settings.baseUrl} answers`),
        check('intend signature', 'ok', `accepted: ${candidate.label}, ${where}; ${use}`),
        clockLine(),
      ];
    }
  }
  return [check('intend reach', 'ok', `${settings.baseUrl} answers`), notAccepted(tried), clockLine()];
}
