/** English -ing form of a verb lemma: bake → baking, run → running, lie → lying, see → seeing. */
export function gerund(lemma: string): string {
  const v = lemma.toLowerCase();
  if (v === 'be') return 'being';
  if (/ing$/.test(v) && v.length > 5) return v; // already a gerund ("hiking" left unlemmatised)
  if (/ie$/.test(v)) return `${v.slice(0, -2)}ying`;
  if (/(?:ee|ye|oe)$/.test(v)) return `${v}ing`;
  if (/[^aeiou]e$/.test(v) || /[aiou]e$/.test(v)) return `${v.slice(0, -1)}ing`;
  // One vowel group ending consonant-vowel-consonant doubles: run, swim, shop (not visit, fix, row).
  if (/^[^aeiou]*[aeiou][bdfgklmnprstvz]$/.test(v)) return `${v}${v.at(-1)}ing`;
  return `${v}ing`;
}
