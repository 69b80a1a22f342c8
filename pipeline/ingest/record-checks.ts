// Node 20 has these (ES2024); the project's TypeScript lib is ES2023.
declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/**
 * Deepest array/object nesting a record may have, the record itself being level 1. Deeper
 * records are rejected: recursive JSON code (canonicalize, which hashes every record) overflows
 * the stack near 3,000 levels, and no real chat export comes close to 100.
 */
export const MAX_NESTING_DEPTH = 100;

export type RecordScan = 'ok' | 'too-deep' | 'needs-cleaning';

/**
 * A lone surrogate in a parsed string can only come from a `\uD800`-style escape in the raw text
 * (raw UTF-8 cannot hold one), so this native search spares checking every string of every record.
 */
export const mayHoldLoneSurrogate = (raw: string): boolean => /\\u[dD][89a-fA-F]/.test(raw);

/**
 * One pass over a parsed record: `too-deep` when it nests arrays/objects more than `limit` levels
 * (stopping there), `needs-cleaning` when some number is ±Infinity or, with `strings`, some key
 * or string has a lone surrogate (then cleanJson says where). Iterative, so any depth is safe.
 */
export function scanRecord(value: unknown, opts: { limit?: number; strings?: boolean } = {}): RecordScan {
  const limit = opts.limit ?? MAX_NESTING_DEPTH;
  const strings = opts.strings ?? true;
  const isClean = (v: unknown): boolean => (typeof v === 'number' ? Number.isFinite(v) : !strings || typeof v !== 'string' || v.isWellFormed());
  if (typeof value !== 'object' || value === null) return isClean(value) ? 'ok' : 'needs-cleaning';
  const nodes: object[] = [value];
  const depths: number[] = [1];
  let clean = true;
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return 'too-deep';
    if (Array.isArray(node)) {
      for (const child of node) {
        if (typeof child === 'object' && child !== null) { nodes.push(child as object); depths.push(depth + 1); }
        else if (clean && !isClean(child)) clean = false;
      }
    } else {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (clean && strings && !key.isWellFormed()) clean = false;
        if (typeof child === 'object' && child !== null) { nodes.push(child); depths.push(depth + 1); }
        else if (clean && !isClean(child)) clean = false;
      }
    }
  }
  return clean ? 'ok' : 'needs-cleaning';
}

// Without the u flag a regex sees UTF-16 code units, so it can match half of a pair.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** How many UTF-16 halves in `text` have no partner (JSON escapes like "\ud800" produce them). */
export const countLoneSurrogates = (text: string): number => (text.isWellFormed() ? 0 : (text.match(LONE_SURROGATE)?.length ?? 0));

export interface CleanJson {
  value: unknown;
  /** Lone surrogates replaced by U+FFFD, in keys and string values. */
  replaced: number;
  /** Dotted path of the first number JSON.parse turned into ±Infinity (e.g. 1e400), if any. */
  outOfRange?: string;
  /** Dotted path of the first object whose keys became equal once repaired (one would be lost). */
  keyClash?: string;
}

/**
 * Copies `value` with lone surrogates replaced by U+FFFD (the same UTF-16 length, so offsets stay
 * valid), sharing every unchanged branch. Recursive: call it only on values scanRecord did
 * not find too deep.
 */
export function cleanJson(value: unknown): CleanJson {
  const out: CleanJson = { value: undefined, replaced: 0 };
  const path: string[] = [];
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const n = countLoneSurrogates(v);
      out.replaced += n;
      return n === 0 ? v : v.toWellFormed();
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.outOfRange ??= path.join('.');
      return v;
    }
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      v.forEach((item, i) => {
        path.push(String(i));
        const cleaned = visit(item);
        path.pop();
        if (cleaned !== item) (copy ??= [...v])[i] = cleaned;
      });
      return copy ?? v;
    }
    let changed = false;
    const entries = Object.entries(v).map(([key, item]) => {
      path.push(key);
      const cleaned: [string, unknown] = [visit(key) as string, visit(item)];
      path.pop();
      if (cleaned[0] !== key || cleaned[1] !== item) changed = true;
      return cleaned;
    });
    if (!changed) return v;
    const copy = Object.fromEntries(entries);
    if (Object.keys(copy).length < entries.length) out.keyClash ??= path.join('.');
    return copy;
  };
  out.value = visit(value);
  return out;
}
