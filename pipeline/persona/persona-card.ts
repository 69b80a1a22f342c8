import { scrubDeep } from '../privacy/scrub-output.js';
import type { Store } from '../store/store.js';
import { scrubPersona } from './persona-output.js';
import type { Persona } from './types.js';

/**
 * `personas show`: a readable card with provenance for every attribute (its taxonomy path and
 * node) and, for corpus values, one evidence quote with its source file and line: a mention under
 * the attribute's value facet whose value is the persona's (exact match first). Quotes are stored
 * exact; the card scrubs every field before it cuts or wraps any (a phone number wrapped over two
 * lines would slip past a scrub of the finished text), and --json output is scrubbed by printJson.
 */

export interface Evidence {
  quote: string;
  locator: string;
  conversation: string;
}

export async function personaEvidence(store: Store, persona: Persona, taxonomyVersion: number): Promise<Map<number, Evidence>> {
  const rows = await store.all<{ position: number; quote: string; locator: string; external_id: string }>(
    `SELECT position, quote, locator, external_id FROM (
       SELECT a.position, e.quote, e.locator, e.external_id,
              row_number() OVER (PARTITION BY a.position ORDER BY (lower(trim(e.value)) = a.value) DESC, e.mention_id) AS rn
       FROM persona_attributes a JOIN facet_evidence e ON e.version_id = $2 AND e.facet_id = a.facet_id AND starts_with(lower(trim(e.value)), a.value)
       WHERE a.persona_id = $1 AND a.origin = 'corpus')
     WHERE rn = 1 ORDER BY position`,
    [persona.personaId, taxonomyVersion],
  );
  return new Map(rows.map((r) => [Number(r.position), { quote: r.quote, locator: r.locator, conversation: r.external_id }]));
}

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function formatPersonaCard(persona: Persona, rawEvidence: ReadonlyMap<number, Evidence>, taxonomyVersion: number): string {
  const p = scrubPersona(persona);
  const evidence = new Map([...rawEvidence].map(([i, e]) => [i, scrubDeep(e)]));
  const a = p.anchors;
  const place = [a.city.name, a.city.region, a.country.name].filter(Boolean).join(', ');
  const lines = [
    `persona ${p.personaId}  (seed ${p.seed}, index ${p.index}, taxonomy v${taxonomyVersion}, ${p.attributes.length} attributes)`,
    `anchors: ${a.age}-year-old ${a.sex}, ${place}; occupation: ${a.occupation ? `${a.occupation.title} (SOC ${a.occupation.soc})` : 'none'}; mode ${a.mode}`,
  ];
  if (p.core) lines.push(`core: ${p.core.tone} tone; values ${p.core.values.join(', ')}; attitude: ${oneLine(p.core.lifeAttitude, 120)}`);
  lines.push('', ...wrap(p.summary, 100), '');
  const byRoot = new Map<string, number[]>();
  p.attributes.forEach((attr, i) => byRoot.set(attr.root, [...(byRoot.get(attr.root) ?? []), i]));
  for (const [root, indices] of byRoot) {
    lines.push(`${root} (${indices.length})`);
    for (const i of indices) {
      const attr = p.attributes[i]!;
      const below = attr.path.startsWith(`${root}.`) ? attr.path.slice(root.length + 1) : attr.path;
      const mark = attr.polarity === 'negative' ? ' (dislikes)' : attr.polarity === 'positive' ? ' (likes)' : '';
      const call = attr.llmCallId ? ` call ${attr.llmCallId.slice(0, 12)}` : '';
      lines.push(`  ${below.replace(/\./g, ' › ')}: ${attr.value}${mark}  [${attr.origin}, ${attr.stratum}; node ${attr.nodeId}${call}]`);
      const e = evidence.get(i);
      if (e) lines.push(`      “${oneLine(e.quote, 110)}” — ${e.locator}`);
    }
  }
  return lines.join('\n');
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
  }
  return out;
}
