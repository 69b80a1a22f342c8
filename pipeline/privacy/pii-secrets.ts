/** URL-token and secret replacers for the PII detectors: which URL parts and assignments carry a credential. */
import { DIGIT, digitCount, hasDigitAndLetter, placeholder, splitTrailing } from './pii-kinds.js';

const STRONG_PARAM = /token|secret|passw|pwd|signature|session|sessid|apikey|api[_-]key|credential|access[_-]?key|private[_-]?key|jwt|client[_-]?secret|auth[_-]?code/;
const WEAK_PARAM = new Set(['key', 'sig', 'sid', 'auth', 'pass', 'pw', 'otp', 'ticket', 'samlresponse', 'samlrequest']);
const SECRET_PATH_SEGMENT = /^(?:tokens?|keys?|secrets?|sessions?|reset|reset-password|password-reset|verify|verification|confirm|invite|invitation|magic|magic-link|auth|oauth|sso)$/i;

/** A long opaque token: an alphanumeric run of >= 20 with >= 2 digits and >= 2 letters, or a JWT. */
function isOpaque(s: string, inPath: boolean): boolean {
  if (/eyJ[A-Za-z0-9_-]{10}/.test(s)) return true;
  for (const run of s.match(/[A-Za-z0-9]{20,}/g) ?? []) {
    const digits = digitCount(run);
    if (digits < 2 || run.length - digits < 2) continue;
    if (inPath && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(run)) continue; // git / content hashes
    return true;
  }
  return false;
}

function isSensitiveParam(name: string, value: string): boolean {
  const n = name.toLowerCase();
  if (value.length > 0 && STRONG_PARAM.test(n)) return true;
  return value.length >= 6 && n.split(/[^a-z0-9]+/).some((seg) => WEAK_PARAM.has(seg));
}

function urlTailIsSensitive(tail: string): boolean {
  const q = tail.search(/[?#]/);
  const path = q < 0 ? tail : tail.slice(0, q);
  const params = (q < 0 ? '' : tail.slice(q + 1)).split(/[&;#?]/);
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const [seg = '', ...matrix] = segments[i]!.split(';');
    if (isOpaque(seg, true)) return true;
    const next = segments[i + 1] ?? '';
    if (SECRET_PATH_SEGMENT.test(seg) && next.length >= 8 && DIGIT.test(next)) return true;
    params.push(...matrix);
  }
  for (const part of params) {
    const eq = part.indexOf('=');
    const value = eq < 0 ? part : part.slice(eq + 1);
    if ((eq > 0 && isSensitiveParam(part.slice(0, eq), value)) || isOpaque(value, false)) return true;
  }
  return false;
}

export function replaceUrl(m: RegExpMatchArray): string | null {
  const [url, trailing] = splitTrailing(m[0]);
  const schemeEnd = url.indexOf('://');
  const prefix = schemeEnd < 0 ? '' : url.slice(0, schemeEnd + 3);
  const rest = url.slice(prefix.length);
  const authEnd = rest.search(/[/?#]/);
  const authority = authEnd < 0 ? rest : rest.slice(0, authEnd);
  const hasUserinfo = authority.includes('@');
  if (!hasUserinfo && !urlTailIsSensitive(rest.slice(authority.length))) return null;
  return `${prefix}${authority.slice(authority.lastIndexOf('@') + 1)}/${placeholder('URL_TOKEN')}${trailing}`;
}

// ---------------------------------------------------------------- API_KEY

const ASSIGN_KEY_REJECT = /^(?:secretar|tokeni[sz]|tokens$|passwordless)|(?:type|expir\w*|count|limit|length|len|url|uri|endpoint|path|file|name|usage|format|budget|hash)$/i;

export function replaceAssignment(m: RegExpMatchArray): string | null {
  const [, prefix = '', quote, , bare = ''] = m;
  if (ASSIGN_KEY_REJECT.test(/^[A-Za-z0-9_-]*/.exec(prefix)?.[0] ?? '')) return null;
  if (quote !== undefined) return `${prefix}${quote}${placeholder('API_KEY')}${quote}`;
  const [value, trailing] = splitTrailing(bare);
  if (value.length < 6 || !hasDigitAndLetter(value)) return null;
  return prefix + placeholder('API_KEY') + trailing;
}

export function replaceSpokenPassword(m: RegExpMatchArray): string | null {
  const [, prefix = '', quote = '', raw = ''] = m;
  const [value, trailing] = quote ? [raw, ''] : splitTrailing(raw);
  if (value.length < 3 || !/[^A-Za-z]/.test(value)) return null; // "my password is wrong" stays
  return `${prefix}${quote}${placeholder('API_KEY')}${quote}${trailing}`;
}
