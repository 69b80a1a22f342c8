import { mentionMatches } from '../extractors/match-rule.js';
import type { Store } from '../store/store.js';

export interface QualityRow {
  topic: string;
  conversations: number;
  /** Share of conversations where some mention matches the record's ground-truth persona. */
  personaMatch: number;
  preferenceMatch: number;
  mentionsPer100UserTurns: number;
}

export interface ExtractionQuality {
  extractors: string[];
  overall: QualityRow;
  topics: QualityRow[];
  /** LLM mentions dropped because their quote was not in a user turn, over all proposed. */
  ungroundedShare: number;
}

interface Conv {
  topic: string;
  persona: string;
  preference: string;
  userTurns: number;
  mentions: { attribute: string; value: string }[];
}

/**
 * Scores the stored mentions of the PrefEval persona-driven conversations against their
 * ground-truth persona and preference with the fixed matching rule (match-rule.ts).
 */
export async function measureExtractionQuality(store: Store): Promise<ExtractionQuality> {
  const rows = await store.all<{ conversation_id: string; topic: string; persona: string; preference: string; user_turns: number }>(
    `SELECT c.conversation_id, c.meta->>'topic' AS topic, c.meta->>'persona' AS persona, c.meta->>'preference' AS preference,
            (SELECT count(*) FROM turns t WHERE t.conversation_id = c.conversation_id AND t.role = 'user')::INTEGER AS user_turns
     FROM conversations c WHERE c.meta->>'variant' = 'persona-driven' ORDER BY c.conversation_id`,
  );
  const convs = new Map<string, Conv>(rows.map((r) => [r.conversation_id, { topic: r.topic, persona: r.persona ?? '', preference: r.preference ?? '', userTurns: r.user_turns, mentions: [] }]));
  const mentions = await store.all<{ conversation_id: string; attribute: string; value: string }>(
    `SELECT m.conversation_id, m.attribute, m.value FROM mentions m JOIN conversations c USING (conversation_id) WHERE c.meta->>'variant' = 'persona-driven'`,
  );
  for (const m of mentions) convs.get(m.conversation_id)?.mentions.push(m);
  const byTopic = new Map<string, Conv[]>();
  for (const c of convs.values()) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  const extractors = (await store.all<{ extractor_id: string }>('SELECT DISTINCT extractor_id FROM mentions ORDER BY 1')).map((r) => r.extractor_id);
  const grounding = await store.one<{ kept: number; dropped: number }>('SELECT coalesce(sum(mentions), 0)::INTEGER AS kept, coalesce(sum(ungrounded), 0)::INTEGER AS dropped FROM extracted_conversations');
  const proposed = (grounding?.kept ?? 0) + (grounding?.dropped ?? 0);
  return {
    extractors,
    overall: score('overall', [...convs.values()]),
    topics: [...byTopic.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([topic, list]) => score(topic, list)),
    ungroundedShare: proposed > 0 ? (grounding?.dropped ?? 0) / proposed : 0,
  };
}

function score(topic: string, list: Conv[]): QualityRow {
  const share = (hit: (c: Conv) => boolean) => (list.length ? list.filter(hit).length / list.length : 0);
  const turns = list.reduce((n, c) => n + c.userTurns, 0);
  const mentions = list.reduce((n, c) => n + c.mentions.length, 0);
  return {
    topic,
    conversations: list.length,
    personaMatch: share((c) => c.mentions.some((m) => mentionMatches(m, c.persona))),
    preferenceMatch: share((c) => c.mentions.some((m) => mentionMatches(m, c.preference))),
    mentionsPer100UserTurns: turns ? (100 * mentions) / turns : 0,
  };
}

export function formatQuality(q: ExtractionQuality): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
  const line = (r: QualityRow) => `${r.topic.padEnd(36)} ${String(r.conversations).padStart(5)} ${pct(r.personaMatch)} ${pct(r.preferenceMatch)} ${r.mentionsPer100UserTurns.toFixed(1).padStart(8)}`;
  return [
    `extractor: ${q.extractors.join(', ') || '(no mentions)'}`,
    `${'topic'.padEnd(36)} convs persona    pref  per100`,
    ...q.topics.map(line),
    line(q.overall),
    `ungrounded (dropped LLM mentions): ${pct(q.ungroundedShare).trim()}`,
  ].join('\n');
}
