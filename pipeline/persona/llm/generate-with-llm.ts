import type { LlmClient } from '../../llm/client.js';
import { anchorKindOf } from '../anchor-units.js';
import { resamplable } from '../consistency-rules.js';
import { finishPersona, planPersona, type ChosenUnit, type GeneratedPersona, type GenerateContext } from '../generate-persona.js';
import { unitKey } from '../leaf-catalog.js';
import { personaRng } from '../rng.js';
import type { PersonaAttribute } from '../types.js';
import { generateLifeStory, pickLifeStoryShape } from './life-story.js';
import { checkConsistencyWithLlm } from './llm-consistency.js';
import { summarizeWithLlm } from './llm-summary.js';
import { fillValuesWithLlm } from './llm-values.js';
import type { LifeStoryCore } from './prompts.js';

/**
 * One persona with the LLM paths (the paper's order): anchors → life-story core → the same
 * taxonomy-guided selection as offline → values filled in batches of ≤ 50 paths, each batch seeing
 * every value so far → the offline rules, then the LLM's own check, each flagged value replaced
 * by the unit's next corpus value → an LLM summary. Every LLM step falls back to its offline
 * counterpart when the call fails, so a persona is always produced; the LLM cache makes a rerun
 * free and byte-identical.
 */

export interface LlmPersona extends GeneratedPersona {
  core: LifeStoryCore | undefined;
  /** Call ids of the core, value batches, check and summary (null entries are failed batches). */
  callIds: string[];
  /** Values the LLM filled (the rest are anchors or corpus values). */
  llmValues: number;
  /** Values the LLM check flagged and that were replaced. */
  llmFlagged: number;
}

export async function generatePersonaWithLlm(ctx: GenerateContext, index: number, client: LlmClient): Promise<LlmPersona> {
  const plan = planPersona(ctx, index);
  const maxChars = ctx.settings.maxValueChars;
  const callIds: string[] = [];
  const story = await generateLifeStory(client, plan.anchors, plan.personaId, pickLifeStoryShape(personaRng(ctx.seed, index, 'life-story')));
  const core = story ? { values: story.values, tone: story.tone, lifeAttitude: story.lifeAttitude, stories: story.stories, interests: story.interests } : undefined;
  if (story) callIds.push(story.callId);

  // Anchor values (own occupation, own age) stay; every other unit is asked of the LLM, except a
  // second unit restating an anchor (job, home…): offline leaves it out, and an LLM value there
  // could only repeat the anchor or contradict it.
  const offline = plan.picks
    .map((pick) => ({ pick, attribute: plan.draw(pick.leaf, pick.stratum, 0) }))
    .filter((o) => o.attribute || !anchorKindOf(o.pick.leaf)?.value(plan.anchors));
  const asked = offline.filter((o) => o.attribute?.origin !== 'anchor');
  const fixed = offline.flatMap((o) => (o.attribute?.origin === 'anchor' ? [{ path: o.attribute.path, root: o.attribute.root, value: o.attribute.value }] : []));
  const filled = await fillValuesWithLlm(client, {
    anchors: plan.anchors,
    core,
    fixed,
    maxChars,
    paths: asked.map(({ pick }) => ({ key: unitKey(pick.leaf), path: pick.leaf.path, label: pick.leaf.label, valueType: pick.leaf.valueType, root: pick.leaf.root })),
    itemKey: plan.personaId,
  });
  for (const call of filled.calls) if (call.callId) callIds.push(call.callId);

  const drafted = offline.flatMap(({ pick, attribute }) => {
    const llm = attribute?.origin === 'anchor' ? undefined : filled.values.get(unitKey(pick.leaf));
    if (llm) return [{ pick, attribute: fromLlm(pick, llm.value, llm.callId), attempts: 0 }];
    return attribute ? [{ pick, attribute, attempts: 0 }] : [];
  });

  // The LLM's check runs on the draft; flagged values become the unit's next corpus value (attempt 1).
  const check = await checkConsistencyWithLlm(client, { personaId: plan.personaId, anchors: plan.anchors, attributes: drafted.map((d) => d.attribute), core });
  let llmFlagged = 0;
  if (check) {
    callIds.push(check.callId);
    for (const v of check.violations) {
      const d = drafted[v.attributeIndex];
      if (!d || !resamplable(d.attribute)) continue;
      const next = plan.draw(d.pick.leaf, d.pick.stratum, d.attribute.origin === 'llm' ? 0 : d.attempts + 1);
      if (!next) continue;
      drafted[v.attributeIndex] = { pick: d.pick, attribute: next, attempts: d.attribute.origin === 'llm' ? 0 : d.attempts + 1 };
      llmFlagged++;
    }
  }

  // The offline narrative stays when the LLM summary fails or falls outside 150–400 words.
  const finished = finishPersona(ctx, plan, drafted);
  const written = await summarizeWithLlm(client, finished.persona, { core });
  if (written) callIds.push(written.callId);
  const persona = { ...finished.persona, ...(written ? { summary: written.summary } : {}), ...(core ? { core } : {}) };
  return {
    ...finished,
    persona,
    core,
    callIds,
    llmValues: persona.attributes.filter((a) => a.origin === 'llm').length,
    llmFlagged,
  };
}

function fromLlm(pick: ChosenUnit, value: string, callId: string): PersonaAttribute {
  const { leaf, stratum } = pick;
  return {
    nodeId: leaf.nodeId, facetId: leaf.facetId ?? null, path: leaf.path, root: leaf.root, label: leaf.label,
    value, polarity: 'neutral', origin: 'llm', stratum, valueType: leaf.valueType, llmCallId: callId,
  };
}
