/**
 * Regex detectors behind the PII scrubber (API in ./pii-scrubber.ts, scope in docs/privacy.md).
 *
 * Linear-time discipline (JS regexes backtrack): every repeated part is bounded ({m,n}); each
 * candidate starts behind a negative lookbehind so only token starts are tried; neighbouring
 * repeated parts are split by characters the other part cannot match. Checks that would make a
 * regex complex (Luhn, IPv6 structure, version context, stop-words) run in code on a candidate.
 * Placeholders contain no digits and start with `[`, which no pattern accepts, so scrubbing twice
 * gives the same text as once.
 */

import { DIGIT, digitCount, luhnValid, placeholder, splitTrailing, type Detector, type PiiKind } from './pii-kinds.js';
import { replaceAssignment, replaceSpokenPassword, replaceUrl } from './pii-secrets.js';

export { PII_KINDS, luhnValid, placeholder, type Detector, type PiiKind } from './pii-kinds.js';

const TOKEN_START = '(?<![A-Za-z0-9_\\-])';
const TOKEN_END = '(?![A-Za-z0-9_\\-])';

// ---------------------------------------------------------------- IP

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const VERSION_CONTEXT = /(?:\b(?:v|ver|version|versions|release|build|rev|revision|patch|update|firmware|section|sec|chapter|step|rule|clause|item)\.?|§|@)\s*[:#]?\s*$/i;

function ipv6Valid(s: string): boolean {
  let body = s;
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    if (!IPV4_EXACT.test(body.slice(lastColon + 1))) return false;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  if (halves.length === 1) return groups.length === 8 && groups.some((g) => g.length >= 2);
  return groups.length <= 7 && DIGIT.test(body) && (groups.length >= 3 || groups.some((g) => g.length === 4));
}

// ---------------------------------------------------------------- NATIONAL_ID / PHONE

const NI_BAD_PREFIX = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

function replaceLabelled(kind: PiiKind, minDigits: number, maxDigits: number) {
  return (m: RegExpMatchArray): string | null => {
    const [all, , value = ''] = m;
    const n = digitCount(value);
    if (n < minDigits || n > maxDigits || value.replace(/[\s().-]/g, '').length < 6) return null;
    if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(value)) return null; // dates
    return all.slice(0, all.length - value.length) + placeholder(kind);
  };
}

function cardGroupingOk(lengths: number[]): boolean {
  if (lengths.length === 1) return true;
  const key = lengths.join(',');
  if (key === '4,6,5' || key === '4,6,4') return true; // Amex, Diners
  const last = lengths[lengths.length - 1]!;
  return last >= 1 && last <= 4 && lengths.slice(0, -1).every((l) => l === 4);
}

// ---------------------------------------------------------------- ADDRESS

const ADDRESS_STOP = new Set(
  ('the a an of on in at to by for from with and or but my your our his her their this that these those is was are be ' +
    'down up across along off over into near past minute minutes min mins hour hours hr hrs second seconds day days week ' +
    'weeks month months year years mile miles km kilometer kilometers meter meters block blocks time times step steps ' +
    'people percent more less other different same long short big small way ways lane lanes one two story storey ' +
    'level levels bedroom bedrooms car cars').split(' '),
);
const UNAMBIGUOUS_STREET = new Set(['street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'highway', 'hwy', 'parkway', 'pkwy']);
const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Close|Crescent|Cres|Alley|Trail|Plaza';

const ADDRESS_NOT_AFTER = /\b(?:chapter|ch|page|p|pp|part|episode|ep|season|volume|vol|issue|no|number|top|step|level|rule|section|figure|fig|table|grade|year|class)\.?[ \t]*$/i;

function replaceAddress(m: RegExpMatchArray, text: string): string | null {
  const [, , nameRaw = '', type = ''] = m;
  if (ADDRESS_NOT_AFTER.test(text.slice(Math.max(0, (m.index ?? 0) - 16), m.index))) return null; // "Chapter 3 Main Street
  const name = nameRaw.trim().split(/[ \t]+/);
  if (name.some((t) => ADDRESS_STOP.has(t.toLowerCase().replace(/[.'’]/g, '')))) return null;
  if (!UNAMBIGUOUS_STREET.has(type.toLowerCase()) && !(/^[A-Z][a-z]*$/.test(type) && name.every((t) => /^[A-Z0-9]/.test(t)))) {
    return null; // "a 2 hour drive", "5 more steps this way"
  }
  return placeholder('ADDRESS');
}

// ---------------------------------------------------------------- the ordered detector list

/** Ordered: URLs first (they contain everything else), addresses last. */
export const DETECTORS: readonly Detector[] = [
  {
    kind: 'URL_TOKEN',
    need: /:\/\/|www\./i,
    re: /(?<![A-Za-z0-9+.\-])(?:[A-Za-z][A-Za-z0-9+.\-]{1,15}:\/\/|www\.)[^\s<>"'`[\]{}|\\^]{1,2048}/g,
    replace: replaceUrl,
  },
  { kind: 'API_KEY', need: /-----BEGIN/, re: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[A-Za-z0-9+/=\s]{0,20000}(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g },
  {
    kind: 'API_KEY',
    need: /sk-|[sr]k_|A(?:KIA|SIA|GPA|IDA|ROA|NPA|NVA|IPA)|gh[pousr]_|github_pat_|xox|AIza|glpat-|eyJ/,
    re: new RegExp(
      `${TOKEN_START}(?:sk-[A-Za-z0-9_\\-]{20,300}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,250}|(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}` +
        `|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}|xox[abposr]-[A-Za-z0-9\\-]{10,250}|AIza[0-9A-Za-z_\\-]{35}|glpat-[A-Za-z0-9_\\-]{20,64}` +
        `|eyJ[A-Za-z0-9_\\-]{8,4096}\\.eyJ[A-Za-z0-9_\\-]{8,4096}\\.[A-Za-z0-9_\\-]{8,4096})${TOKEN_END}`,
      'g',
    ),
    replace: (m) => (m[0].startsWith('sk-') && !DIGIT.test(m[0]) ? null : placeholder('API_KEY')),
  },
  {
    kind: 'API_KEY',
    need: /bearer|authorization/i,
    re: /\b((?:Bearer|Authorization["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?:Basic|Token|Bearer)?)[ \t]{1,4})([A-Za-z0-9\-._~+/]{16,4096}=*)/gi,
    replace: (m) => (/^auth/i.test(m[1] ?? '') || DIGIT.test(m[2] ?? '') ? `${m[1]}${placeholder('API_KEY')}` : null),
  },
  {
    kind: 'API_KEY',
    need: /key|secret|passw|pwd|token/i,
    re: /((?:api[_\-]?key|secret|passw(?:or)?d|pwd|token|access[_\-]?key|private[_\-]?key)[A-Za-z0-9_\-]{0,20}["']?[ \t]{0,3}(?::?=>?|:)[ \t]{0,3})(?:(["'`])([^"'`\n[\]]{4,256})\2|([A-Za-z0-9_\-+/=.~!#$%^&*]{6,256}))/gi,
    replace: replaceAssignment,
  },
  {
    kind: 'API_KEY',
    need: /pass|pin|pw/i,
    re: /\b((?:my|the|our|your)[ \t]{1,3}(?:password|passcode|passphrase|pin(?:[ \t]code)?|pw)[ \t]{1,3}(?:is|was)[ \t]{0,3}:?[ \t]{0,3})(["']?)([^\s"'[\]]{3,128})\2/gi,
    replace: replaceSpokenPassword,
  },
  {
    kind: 'EMAIL',
    need: /@/,
    re: /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9\-@])/g,
  },
  {
    // Bracketed obfuscation only: "jane(at)example(dot)com", "jane [at] example.com".
    kind: 'EMAIL',
    need: /[[({] ?at ?[\])}]/i,
    re: /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}[ \t]?[[({][ \t]?at[ \t]?[\])}][ \t]?[A-Za-z0-9\-]{1,63}(?:(?:[ \t]?[[({][ \t]?dot[ \t]?[\])}][ \t]?|\.)[A-Za-z0-9\-]{1,63}){1,4}/gi,
    replace: (m) => (/[.)\]}][ \t]?[A-Za-z]{2,24}$/.test(m[0]) ? placeholder('EMAIL') : null),
  },
  {
    kind: 'IP',
    need: /:/,
    re: /(?<![\w:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{2,41}(?![\w:]|\.\w)/g,
    replace: (m) => {
      const [addr, trailing] = splitTrailing(m[0]);
      return ipv6Valid(addr) ? placeholder('IP') + trailing : null;
    },
  },
  {
    kind: 'IP',
    need: DIGIT,
    re: new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, 'g'),
    replace: (m, text) => {
      if (/^\d\.\d\.\d\.\d$/.test(m[0])) return null; // section numbers "4.1.2.1"; also public 8.8.8.8 / 1.1.1.1
      return VERSION_CONTEXT.test(text.slice(Math.max(0, (m.index ?? 0) - 24), m.index)) ? null : placeholder('IP');
    },
  },
  {
    kind: 'CARD',
    need: DIGIT,
    re: /(?<![\w.,\-+])\d(?:[ \-]?\d){12,18}(?!\w|[.,\-]\d)/g,
    replace: (m) => {
      const groups = m[0].split(/[ -]/);
      const digits = groups.join('');
      if (!/^[2-6]/.test(digits) || /^(\d)\1+$/.test(digits) || !cardGroupingOk(groups.map((g) => g.length))) return null;
      return luhnValid(digits) ? placeholder('CARD') : null;
    },
  },
  // US SSN (never 000/666/9xx area, 00 group, 0000 serial).
  { kind: 'NATIONAL_ID', need: DIGIT, re: /(?<![\w\-./])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\w|[.\-]\d)/g },
  {
    // UK National Insurance number; spaced form only in upper case ("ab 12 34 56 c" is too loose).
    kind: 'NATIONAL_ID',
    need: DIGIT,
    re: /(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/gi,
    replace: (m) => {
      const v = m[0];
      if (NI_BAD_PREFIX.has(v.slice(0, 2).toUpperCase())) return null;
      return v.includes(' ') && v !== v.toUpperCase() ? null : placeholder('NATIONAL_ID');
    },
  },
  {
    // Any id number explicitly labelled as one: "passport number: X1234567", "my SIN is 046 454 286".
    kind: 'NATIONAL_ID',
    need: DIGIT,
    re: /\b((?:passport|(?:driver'?s?|driving)[ \t]licen[cs]e|licen[cs]e[ \t](?:number|no\.?|#)|national[ \t](?:id|insurance)|id[ \t](?:card|number)|ssn|sin|nin|nino|tin|tax[ \t](?:id|number|file[ \t]number)|tfn|aadhaa?r|pan|nric|social[ \t](?:security|insurance)|personnummer|bsn|cpf|curp|dni|nie)\b(?:[ \t](?:number|no\.?|num|#))?[ \t]{0,3}(?:(?:is|was)[ \t]{1,3}|[:#=][ \t]{0,3})?)([A-Za-z0-9]{1,12}(?:[ \-]\d{1,12}){0,4})(?![A-Za-z0-9])/gi,
    replace: replaceLabelled('NATIONAL_ID', 4, 20),
  },
  {
    kind: 'PHONE',
    need: /\+/,
    re: /(?<![\w+=&])\+(?:[1-9]\d{0,2}(?:[ .\-]?\(\d{1,4}\))?[ .\-]?\d{1,8}(?:[ .\-]\d{1,8}){0,6}|[1-9]\d{7,14})(?!\w|[.\-]\d)/g,
    replace: (m) => {
      const n = digitCount(m[0]);
      // Signed decimals: "+1234.5678", table rows "+4.16 11.88 7.12".
      if (/^\+\d+\.\d+$/.test(m[0]) || (m[0].includes('.') && /[ -]/.test(m[0]))) return null;
      return n >= 8 && n <= 15 ? placeholder('PHONE') : null;
    },
  },
  {
    // Any number explicitly labelled as a phone number.
    kind: 'PHONE',
    need: DIGIT,
    re: /\b((?:(?:phone|tel|telephone|mobile|cell|cellphone|whatsapp|fax|landline)\b(?:[ \t](?:number|no\.?|num|#))?|(?:my|our|his|her|their)[ \t]number|(?:call|text|ring|reach|contact)[ \t]me[ \t](?:at|on))[ \t]{0,3}(?:(?:is|was)[ \t]{1,3}|[:#=][ \t]{0,3})?)(\+?\(?\d[\d .\-()]{5,20}\d)(?!\w)/gi,
    replace: replaceLabelled('PHONE', 7, 15),
  },
  {
    // NANP: (555) 123-4567, 555-123-4567, 555.123.4567, 555 123 4567, 1-800-555-0199.
    kind: 'PHONE',
    need: DIGIT,
    re: /(?<![\w+\-./$€£#])(?:1[ .\-]?)?(?:\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}|\d{3}([ .\-])\d{3}\1\d{4})(?!\w|[.\-]\d)/g,
    // Space/dot-only forms need a real area code (2-9xx) so "100 200 3000" stays.
    replace: (m) => (m[1] !== undefined && m[1] !== '-' && !/^(?:1[ .-]?)?[2-9]/.test(m[0]) ? null : placeholder('PHONE')),
  },
  {
    // UK (020 7946 0958, 0161 496 0000, 07700 900123, 07700900123) and French (06 12 34 56 78).
    kind: 'PHONE',
    need: /0/,
    re: /(?<![\w+\-./$€£#])(?:0\d{2} \d{4} \d{4}|0\d{3} \d{3} \d{4}|0\d{4} \d{6}|0\d{4} \d{3} \d{3}|07\d{9}|0[1-9]([ .])\d{2}(?:\1\d{2}){3})(?!\w|[.\-]\d)/g,
  },
  {
    kind: 'ADDRESS',
    need: DIGIT,
    re: new RegExp(
      `(?<![\\w.,\\-$€£#/])(\\d{1,6}[A-Za-z]?(?:-\\d{1,6}[A-Za-z]?)?)((?:[ \\t]{1,3}[A-Za-z0-9][A-Za-z0-9'’.\\-]{0,24}){1,4}?)[ \\t]{1,3}(${STREET_TYPES})\\b\\.?` +
        `(?:[ \\t]{1,3}(?:N|S|E|W|NE|NW|SE|SW)\\b\\.?)?(?:,?[ \\t]{0,3}(?:(?:Apt|Apartment|Unit|Suite|Ste|Flat|Floor|Fl|Room|Rm)\\b\\.?|#)[ \\t]{0,3}#?[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,4}[A-Za-z0-9])?(?![A-Za-z0-9]))?`,
      'gi',
    ),
    replace: replaceAddress,
  },
  { kind: 'ADDRESS', need: /box/i, re: /\bP\.?[ \t]?O\.?[ \t]{1,3}Box[ \t]{1,3}\d{1,8}\b/gi },
];
