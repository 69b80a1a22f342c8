/**
 * Turn-level filtering before tagging: blank out code and pasted material (same length, so
 * offsets survive), find quoted stretches, and recognise fiction / role-play prompts whose
 * first-person sentences are not about the real user.
 */

export interface Regions {
  /** The text with code and pasted material replaced by spaces (newlines kept); same length. */
  masked: string;
  /** [start, end) ranges inside quotation marks. */
  quoted: Array<[number, number]>;
  /** The whole turn is a fiction / role-play / hypothetical prompt: emit nothing. */
  fiction: boolean;
}

const FENCE = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]{1,200}`/g;

// Strong line-level code signals; prose rarely ends in ; or { or starts with a keyword + symbol.
const CODE_LINE: readonly RegExp[] = [
  /[;{}]\s*$/,
  /^\s*(?:import|export|from\s+\S+\s+import|def|class|function|const|let|var|return|public|private|protected|static|async|await|package|using|#include|#define|if\s*\(|for\s*\(|while\s*\(|else\b|try\s*[:{]|catch|elif|fn|func|struct|enum|impl|SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER)\b.*[(){}=:;<>[\]]/,
  /^\s*(?:\/\/|#!|\/\*|\*\s|<!--|<\/?[a-zA-Z][\w-]*(?:\s[^>]*)?>|\$ |>>> |PS |C:\\)/,
  /^\s*[\w.[\]'"]+\s*(?:=|\+=|-=|:=|=>)\s*\S/,
  /\w+\.\w+\([^)]*\)/,
  /^\s*[}\])]+[;,]?\s*$/,
  /^\s*["'][\w-]+["']\s*:/,
];

/** Share of code-ish symbols among non-space characters. */
function symbolRatio(line: string): number {
  const chars = line.replace(/\s+/g, '');
  if (chars.length < 8) return 0;
  const symbols = chars.replace(/[^{}()[\];=<>$#_\\|*&^%@~+]/g, '').length;
  return symbols / chars.length;
}

export function looksLikeCode(line: string): boolean {
  if (line.trim() === '') return false;
  if (CODE_LINE.some((re) => re.test(line))) return true;
  return symbolRatio(line) > 0.15;
}

// "Summarise/rewrite/translate the following ...:" — what follows was pasted, its "I" is someone else's.
const PASTE_CUE =
  /\b(?:summari[sz]e|rewrite|re-write|paraphrase|translate|proofread|edit|correct|improve|review|analy[sz]e|explain|fix|check|grade|evaluate|critique|reply to|respond to|answer|shorten|expand|format|here is|here's|below is|following is)\b[^\n]{0,80}?(?::|\n)/gi;
const PASTE_OBJECT =
  /\b(?:this|following|below|text|article|essay|paragraph|passage|email|e-mail|letter|message|story|poem|code|post|review|document|transcript|content|tweet|comment|statement|speech|script|resume|cv|bio|abstract|draft|lyrics)\b/i;

const FICTION: readonly RegExp[] = [
  /\b(?:write|tell|create|compose|generate|draft|continue|make up|narrate|invent)\b[^.?!\n]{0,60}\b(?:story|stories|poem|fable|tale|novel|fanfic\w*|screenplay|script|scene|dialogue|monologue|lyrics|song|rap|haiku|sonnet|limerick|chapter|episode|plot|sketch|skit|play)\b/i,
  /\b(?:role-?play\w*|roleplay\w*|rp|pretend\w*|make-?believe|in character|my character|your character|the character|act as if|let'?s play|play a game|fictional|hypothetical\w*|dungeon master|text adventure|interactive (?:story|fiction)|you are now|from now on,? you)\b/i,
  /\bimagine (?:that|if|you|i|i'm|we|a|an|yourself|being)\b/i,
];

/** Pairs quotation marks within a paragraph; apostrophes are not treated as quotes. */
export function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /"([^"\n]{1,2000})"|“([^”\n]{1,2000})”|«([^»\n]{1,2000})»|(?<![\w])'([^'\n]{3,300})'(?![\w])/g;
  for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Replaces [start, end) ranges by spaces (newlines kept), so offsets survive; most turns have none. */
function blanked(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text;
  const chars = text.split('');
  for (const [start, end] of ranges) for (let k = start; k < end; k += 1) if (chars[k] !== '\n') chars[k] = ' ';
  return chars.join('');
}

/** A run of non-space characters this long is no word anyone discloses with (a hash, base64, a URL blob). */
const LONG_RUN = /\S{200,}/g;

export function analyseTurn(raw: string): Regions {
  // Blank very long runs first: several regexes here and the tagger are quadratic in a token's
  // length (90,000 characters took 6 s); blanking keeps the length, so offsets survive.
  const text = raw.length < 200 ? raw : raw.replace(LONG_RUN, (run) => ' '.repeat(run.length));
  const fiction = FICTION.some((re) => re.test(text));
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(FENCE)) ranges.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(INLINE_CODE)) ranges.push([m.index, m.index + m[0].length]);
  let offset = 0;
  for (const line of text.split('\n')) {
    if (looksLikeCode(line) || /^\s*>/.test(line)) ranges.push([offset, offset + line.length]);
    offset += line.length + 1;
  }
  for (const paste of text.matchAll(PASTE_CUE)) {
    if (!PASTE_OBJECT.test(paste[0])) continue;
    const from = paste.index + paste[0].length;
    // A fenced block is already masked; the user's own words after it stay readable.
    if (/^\s*```/.test(text.slice(from))) break;
    // Keep a short closing paragraph after the pasted body ("... What do you think? I'm a teacher.").
    const lastBreak = text.lastIndexOf('\n\n');
    const tail = lastBreak > from ? text.length - lastBreak : Infinity;
    ranges.push([from, tail < 400 ? lastBreak : text.length]);
    break;
  }
  return { masked: blanked(text, ranges), quoted: quotedRanges(text), fiction };
}

export function inRanges(pos: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [a, b] of ranges) if (pos >= a && pos < b) return true;
  return false;
}
