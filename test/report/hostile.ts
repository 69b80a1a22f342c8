import type { Evidence, ReportData, ReportFacet, ReportNode } from '../../pipeline/report/types.js';

/** A string that would run script if any part of the page put data into markup unescaped. */
export const HOSTILE = '</script><img src=x onerror="window.__pwned=1"><b>bold</b><!--';

const evidence = (tag: string): Evidence => ({
  quote: `I said ${HOSTILE} (${tag})`, locator: `data/${HOSTILE}.jsonl:7`, conversation: `c-${HOSTILE}`, attribute: HOSTILE, value: `${HOSTILE} value`, polarity: 'negative',
});

const node = (id: string, parentId: string | null, label: string, isLeaf: boolean, mentions: number): ReportNode => ({
  id, parentId, label, path: parentId ? `${HOSTILE} root.${label}` : label, depth: parentId ? 2 : 1, root: `${HOSTILE} root`, isLeaf,
  valueType: isLeaf ? 'categorical' : null, support: { mentions, conversations: mentions, sources: 1 },
  values: [{ value: `${HOSTILE} value`, polarity: 'negative', count: mentions }], distinctValues: 1, evidence: [evidence(id)],
});

/** A split value facet of the hostile leaf. */
const facet: ReportFacet = {
  id: 'f_hostile', nodeId: 'n_leaf', label: `${HOSTILE} facet`, path: `${HOSTILE} root.${HOSTILE} leaf.${HOSTILE} facet`, isSplit: true,
  support: { mentions: 3, conversations: 3 }, values: [{ value: `${HOSTILE} value`, polarity: 'negative', count: 3 }], distinctValues: 1, evidence: [evidence('facet')],
};
const other: ReportFacet = { ...facet, id: 'f_other', label: 'other facet', path: `${HOSTILE} root.${HOSTILE} leaf.other facet`, support: { mentions: 2, conversations: 2 } };

/** A complete ReportData with the hostile string in every field a user or the corpus can influence. */
export function hostileReport(): ReportData {
  return {
    generatedAt: '2026-01-01T00:00:00.000Z',
    taxonomy: {
      version: 1, createdAt: HOSTILE, mode: HOSTILE, embedderId: HOSTILE,
      nodes: [node('n_root', null, `${HOSTILE} root`, false, 5), node('n_leaf', 'n_root', `${HOSTILE} leaf`, true, 5)],
      facets: [facet, other],
    },
    personas: {
      taxonomyVersion: 1, seed: 42, total: 1, limit: 50,
      stats: {
        attributesPerPersona: { 1: 1 }, roots: { [HOSTILE]: 1 }, origins: { corpus: 1 }, ages: { 30: 1 }, sexes: { [HOSTILE]: 1 },
        countries: { XX: { name: HOSTILE, count: 1 } },
      },
      cards: [{
        id: 'persona_1', index: 0, summary: `Hi, ${HOSTILE}`,
        anchors: { country: HOSTILE, countryCode: 'XX', age: 30, sex: HOSTILE, city: HOSTILE, region: HOSTILE, occupation: HOSTILE },
        attributes: [{ nodeId: 'n_leaf', facetId: 'f_hostile', value: `${HOSTILE} value`, polarity: 'negative', origin: 'corpus', stratum: 'near', evidence: 0 }],
      }],
      nodes: { n_leaf: { path: `${HOSTILE} root.${HOSTILE} leaf`, root: `${HOSTILE} root`, label: `${HOSTILE} leaf` } },
      facets: { f_hostile: { path: facet.path, label: facet.label, isSplit: true } },
      evidence: [evidence('persona')],
    },
    run: {
      runId: HOSTILE, command: HOSTILE, status: HOSTILE, startedAt: HOSTILE, finishedAt: null, config: { note: HOSTILE }, versions: { [HOSTILE]: HOSTILE },
      manifest: { stages: [{ stage: HOSTILE, status: 'done', summary: HOSTILE, durationMs: 5 }] },
      stages: [{ stage: HOSTILE, status: HOSTILE, runId: HOSTILE, stageVersion: '1', finishedAt: HOSTILE, durationMs: 1, counts: { [HOSTILE]: 1 } }],
    },
    metrics: [{ metric: HOSTILE, ours: 0.5, baselines: { [HOSTILE]: 0.25 }, ci: [0.4, 0.6] }],
    anchorsReference: { label: HOSTILE, age: { lo: 18, weights: [1, 2, 3] }, sex: { [HOSTILE]: 1 }, countries: { XX: 1 } },
  };
}
