/** Shared fixtures for the LLM persona tests: anchors, attributes and recorded-request helpers. */
import type { Anchors, Persona, PersonaAttribute } from '../../../pipeline/persona/types.js';
import type { ChatRequestBody, OpenAiTestServer } from '../../helpers/openai-server.js';

export const ANCHORS: Anchors = {
  country: { iso2: 'FR', iso3: 'FRA', name: 'France' },
  age: 34,
  sex: 'female',
  city: { name: 'Lyon', region: 'Auvergne-Rhône-Alpes', population: 522_250 },
  occupation: { title: 'Registered nurse', soc: '29-1141' },
  mode: 'population',
};

export function attr(root: string, label: string, value: string, extra: Partial<PersonaAttribute> = {}): PersonaAttribute {
  return {
    nodeId: `n_${root}_${label}`.replace(/\W+/g, '_'), path: `${root}.Topic.${label}`, root, label, value,
    polarity: 'neutral', origin: 'corpus', stratum: 'near', valueType: 'categorical', llmCallId: null, ...extra,
  };
}

export function persona(attributes: PersonaAttribute[], anchors: Anchors = ANCHORS): Persona {
  return { personaId: 'p-test', seed: 42, index: 0, anchors, attributes, summary: '' };
}

/** Chat request bodies in arrival order (re-asks included). */
export const chatBodies = (server: OpenAiTestServer): ChatRequestBody[] =>
  server.requests.filter((q) => q.path === '/v1/chat/completions').map((q) => q.body as ChatRequestBody);

export const systemText = (b: ChatRequestBody): string => b.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');

/** A text of exactly n words, first person unless told otherwise, in paragraphs of 50 words. */
export function words(n: number, firstPerson = true): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(i === 0 ? (firstPerson ? 'I' : 'She') : `word${i}`);
  const paras: string[] = [];
  for (let i = 0; i < out.length; i += 50) paras.push(out.slice(i, i + 50).join(' '));
  return paras.join('\n\n');
}
