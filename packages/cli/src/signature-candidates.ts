import type { CustomScheme, IntendScheme } from '@bridgekit/intend-signer';

/** @internal One way of signing that the signer offers, with every choice spelt out. */
export interface SignatureCandidate {
  readonly scheme: Required<Omit<CustomScheme, 'stringToSign'>> & { readonly stringToSign: IntendScheme };
  /** How a user sets it: the `scheme` option, or nothing for the default. */
  readonly option: string;
  /** Its choices in words, for the report. */
  readonly label: string;
}

const strings: readonly IntendScheme[] = ['key-timestamp', 'canonical-request'];
const units = ['s', 'ms'] as const;
const encodings = ['hex', 'base64'] as const;
const algorithms = ['SHA-256', 'SHA-512'] as const;

function optionOf(scheme: SignatureCandidate['scheme']): string {
  const changed = [
    scheme.algorithm === 'SHA-256' ? '' : `algorithm: '${scheme.algorithm}'`,
    scheme.encoding === 'hex' ? '' : `encoding: '${scheme.encoding}'`,
    scheme.timestampUnit === 's' ? '' : `timestampUnit: '${scheme.timestampUnit}'`,
  ].filter(Boolean);
  if (changed.length === 0) {
    return scheme.stringToSign === 'key-timestamp'
      ? 'the default (no `scheme` option)'
      : `scheme: '${scheme.stringToSign}'`;
  }
  return `scheme: {stringToSign: '${scheme.stringToSign}', ${changed.join(', ')}}`;
}

/**
@internal Every scheme and variant the signer offers, the default first and the likeliest next
(the built-in strings with SHA-256 and hex), so that a tenant on the default costs one request.
*/
export function signatureCandidates(): SignatureCandidate[] {
  const candidates: SignatureCandidate[] = [];
  for (const algorithm of algorithms)
    for (const encoding of encodings)
      for (const timestampUnit of units)
        for (const stringToSign of strings) {
          const scheme = { stringToSign, algorithm, encoding, timestampUnit };
          const unit = timestampUnit === 's' ? 'seconds' : 'milliseconds';
          candidates.push({
            scheme,
            option: optionOf(scheme),
            label: `${stringToSign}, ${algorithm}, ${encoding}, ${unit}`,
          });
        }
  return candidates;
}

/** @internal What `signatureCandidates` tries, in words. */
export function describeCandidates(): string {
  return `${strings.join(' and ')}, each with ${algorithms.join(' and ')}, ${encodings.join(' and ')}, timestamps in seconds and milliseconds`;
}
