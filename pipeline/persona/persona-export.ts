import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeArrowFile } from '../export/arrow-writer.js';
import { registerScrubFunction, SCRUB_SQL_FUNCTION as SCRUB } from '../privacy/scrub-output.js';
import type { Store } from '../store/store.js';
import { PERSONA_ARROW_COLUMNS, personaArrowRows } from './persona-arrow.js';
import { nestAttributes, personaLine, scrubPersona } from './persona-output.js';
import { loadPersonaPage, MAX_INDEX, personaRange, type PersonaQuery } from './persona-store.js';
import type { Persona } from './types.js';

/**
 * `personas export`: the stored personas of one seed and taxonomy version as JSONL (the same
 * lines as outputs/personas.jsonl), Parquet (one row per attribute, written by DuckDB), an Arrow
 * IPC file (one row per attribute with label and anchors, persona-arrow.ts), or the
 * DeepPersona authors' profile JSON (`Profile_<n>` → category → attribute → value, plus Summary),
 * so tools built for their releases read ours. Pages of personas are streamed to a temporary file
 * renamed at the end. Every format is PII-scrubbed (privacy/scrub-output.ts).
 */

import type { PersonaExportFormat } from './persona-export-formats.js';

export { PERSONA_EXPORT_FORMATS, type PersonaExportFormat } from './persona-export-formats.js';

const PAGE = 500;

export async function exportPersonas(store: Store, q: PersonaQuery, format: PersonaExportFormat, outFile: string): Promise<number> {
  const range = await personaRange(store, q);
  mkdirSync(dirname(outFile), { recursive: true }); // --out may name a folder not made yet
  if (format === 'parquet') {
    const quoted = outFile.replace(/'/g, "''");
    registerScrubFunction(store.connection);
    // Texts are PII-scrubbed once per distinct text: a JS call per row made a 1M-row export ~4× slower.
    await store.run(
      `COPY (WITH r AS (
               SELECT p.persona_id, p.run_seed, p.persona_index, p.taxonomy_version, p.anchors, a.position, a.root, a.path, a.node_id, a.facet_id,
                      a.value, a.polarity, a.origin, a.stratum, a.llm_call_id
               FROM personas p JOIN persona_attributes a USING (persona_id)
               WHERE p.run_seed = ${Number(q.seed)} AND p.taxonomy_version = ${Number(q.taxonomyVersion)} AND p.variant = '${(q.variant ?? '').replace(/'/g, "''")}'
                 AND p.persona_index < ${Number(q.below ?? MAX_INDEX)}),
             texts AS (SELECT t, ${SCRUB}(t) AS clean FROM (SELECT root AS t FROM r UNION SELECT path FROM r UNION SELECT value FROM r))
             SELECT r.* REPLACE (root_text.clean AS root, path_text.clean AS path, value_text.clean AS value)
             FROM r JOIN texts root_text ON root_text.t = r.root JOIN texts path_text ON path_text.t = r.path JOIN texts value_text ON value_text.t = r.value
             ORDER BY r.persona_index, r.position) TO '${quoted}' (FORMAT parquet)`,
    );
    return range.count;
  }
  if (format === 'arrow') {
    await writeArrowFile(outFile, PERSONA_ARROW_COLUMNS, (async function* () {
      for (let from = range.from; from < range.to; from += PAGE) {
        const page = await loadPersonaPage(store, q, from, Math.min(from + PAGE, range.to));
        yield page.flatMap((p) => personaArrowRows(p, q.taxonomyVersion));
      }
    })());
    return range.count;
  }
  const tmp = `${outFile}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    if (format === 'deeppersona') await write(`{\n  "metadata": ${JSON.stringify({ profiles_completed: range.count, total_profiles: range.count, status: 'completed', description: `deeppersona seed ${q.seed}, taxonomy v${q.taxonomyVersion}` })}`);
    for (let from = range.from; from < range.to; from += PAGE) {
      const page = await loadPersonaPage(store, q, from, Math.min(from + PAGE, range.to));
      await write(page.map((p) => (format === 'jsonl' ? `${personaLine(p)}\n` : `,\n  ${JSON.stringify(`Profile_${p.index + 1}`)}: ${JSON.stringify(deepPersonaProfile(p))}`)).join(''));
    }
    if (format === 'deeppersona') await write('\n}\n');
    out.end();
    await once(out, 'finish');
    renameSync(tmp, outFile);
  } catch (error) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw error;
  }
  return range.count;
}

/**
 * The authors' profile shape: anchors under "Demographic Information", then each root's
 * attributes nested by path with plain string leaves (a disliked value reads "dislikes: …"),
 * then "Summary". "Profile Index" is 1-based as theirs is.
 */
export function deepPersonaProfile(raw: Persona): Record<string, unknown> {
  const p = scrubPersona(raw);
  const { anchors } = p;
  const profile: Record<string, unknown> = {
    'Profile Index': p.index + 1,
    'Demographic Information': {
      Age: String(anchors.age),
      Gender: anchors.sex,
      Location: { Country: anchors.country.name, City: anchors.city.name, ...(anchors.city.region ? { Region: anchors.city.region } : {}) },
      ...(anchors.occupation ? { Occupation: anchors.occupation.title } : {}),
    },
  };
  const nested = nestAttributes(p.attributes.map((a) => ({ ...a, value: a.polarity === 'negative' ? `dislikes: ${a.value}` : a.value })));
  for (const [root, tree] of Object.entries(nested)) {
    const flat = strings(tree);
    const existing = profile[root];
    profile[root] = existing && typeof existing === 'object' ? { ...(existing as object), ...(flat as object) } : flat;
  }
  profile.Summary = p.summary;
  return profile;
}

/** Nested attribute entries → the same nesting with each entry replaced by its value string. */
function strings(tree: unknown): unknown {
  if (tree && typeof tree === 'object' && 'value' in tree && 'origin' in tree) return (tree as { value: string }).value;
  return Object.fromEntries(Object.entries(tree as object).map(([k, v]) => [k, strings(v)]));
}
