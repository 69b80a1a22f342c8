/** PII kinds, placeholders and the small checks the detectors share (see pii-detectors.ts). */

export const PII_KINDS = ['EMAIL', 'PHONE', 'CARD', 'NATIONAL_ID', 'IP', 'URL_TOKEN', 'ADDRESS', 'API_KEY'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export const placeholder = (kind: PiiKind): string => `[${kind}]`;

export interface Detector {
  readonly kind: PiiKind;
  /** Global regex yielding candidates. */
  readonly re: RegExp;
  /** Skip the detector when the text cannot contain a hit (cheap pre-check). */
  readonly need?: RegExp;
  /** Replacement for a candidate, or null to keep it. Default: the kind's placeholder. */
  readonly replace?: (m: RegExpMatchArray, text: string) => string | null;
}

export const DIGIT = /\d/;
export const digitCount = (s: string): number => s.replace(/\D/g, '').length;
export const hasDigitAndLetter = (s: string): boolean => /\d/.test(s) && /[A-Za-z]/.test(s);

/** Luhn checksum over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Splits trailing sentence punctuation off a candidate (`)` only when unbalanced). */
export function splitTrailing(s: string): [string, string] {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1]!;
    if ('.,;:!?\'"'.includes(c)) end--;
    else if (c === ')' && !s.slice(0, end - 1).includes('(')) end--;
    else break;
  }
  return [s.slice(0, end), s.slice(end)];
}

// ---------------------------------------------------------------- URL_TOKEN
