import { stableId } from '../core/hash.js';
import type { Store } from '../store/store.js';
import { normalisePhrase } from './normalise-phrase.js';

/** Bump when normalisePhrase changes meaning: phrases (and everything built on them) are rebuilt. */
export const PHRASES_VERSION = 'v1';

export const phraseIdFor = (phrase: string): string => stableId('ph', phrase);

/**
 * Rebuilds `phrases` and `mention_phrases` from the current mentions. Cheap (a normalisation per
 * distinct attribute, then SQL), so it is recomputed whole: it can never drift from the mentions.
 */
export async function rebuildPhrases(store: Store): Promise<{ phrases: number; mentions: number }> {
  const attributes = await store.all<{ attribute: string }>('SELECT DISTINCT attribute FROM mentions ORDER BY attribute');
  return store.transaction(async () => {
    await store.run('CREATE OR REPLACE TEMP TABLE attribute_phrases (attribute VARCHAR, phrase VARCHAR, phrase_id VARCHAR)');
    const appender = await store.appender('attribute_phrases');
    for (const { attribute } of attributes) {
      const phrase = normalisePhrase(attribute) || attribute.trim().toLowerCase();
      if (!phrase) continue;
      appender.appendVarchar(attribute);
      appender.appendVarchar(phrase);
      appender.appendVarchar(phraseIdFor(phrase));
      appender.endRow();
    }
    appender.closeSync();
    await store.run('DELETE FROM mention_phrases');
    await store.run('DELETE FROM phrases');
    await store.run('INSERT INTO mention_phrases SELECT m.mention_id, a.phrase_id FROM mentions m JOIN attribute_phrases a USING (attribute)');
    await store.run(`
      INSERT INTO phrases
      WITH roots AS (
        SELECT phrase_id, root, row_number() OVER (PARTITION BY phrase_id ORDER BY count(*) DESC, root) AS rank
        FROM mention_phrases JOIN mentions USING (mention_id) GROUP BY phrase_id, root
      )
      SELECT a.phrase_id, any_value(a.phrase), any_value(r.root), count(*)::INTEGER,
             count(DISTINCT m.conversation_id)::INTEGER, count(DISTINCT c.source_id)::INTEGER
      FROM mention_phrases mp JOIN (SELECT DISTINCT phrase_id, phrase FROM attribute_phrases) a USING (phrase_id)
      JOIN mentions m USING (mention_id) JOIN conversations c ON c.conversation_id = m.conversation_id
      JOIN roots r ON r.phrase_id = a.phrase_id AND r.rank = 1
      GROUP BY a.phrase_id`);
    const counts = await store.one<{ phrases: number; mentions: number }>(
      'SELECT (SELECT count(*) FROM phrases)::INTEGER AS phrases, (SELECT count(*) FROM mention_phrases)::INTEGER AS mentions',
    );
    return counts ?? { phrases: 0, mentions: 0 };
  });
}
