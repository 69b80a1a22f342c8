/**
 * Everything the static report shows, loaded from the store (report-data.ts) and embedded in the
 * page as one JSON block. Every string (attributes, values, quotes, labels, paths, summaries) is
 * PII-scrubbed on the way in by loadReportData; the page HTML-escapes everything it shows.
 */

export interface ReportData {
  /** When the report was written (ISO time); pass one in for a byte-stable file. */
  generatedAt: string;
  /** The current taxonomy version, or null when the store has none yet. */
  taxonomy: ReportTaxonomy | null;
  personas: ReportPersonas;
  /** The newest `runs` row with the latest finished row of every stage, or null before any run. */
  run: ReportRun | null;
  /** Evaluation rows (from eval.json); the page shows a "run deeppersona evaluate" hint without them. */
  metrics?: MetricRow[];
  /** Where we lose, the sets compared and the taxonomy review (from eval.json); shown above the metrics table. */
  evaluation?: ReportEvaluation;
  /** Reference anchor distributions (the demographic tables) to draw against the sampled anchors. */
  anchorsReference?: AnchorsReference;
}

export interface ReportTaxonomy {
  version: number;
  createdAt: string;
  mode: string;
  embedderId: string;
  /** Every node of the version; roots have parentId null. Sorted by path. */
  nodes: ReportNode[];
  /**
   * Every value facet of the version (the level below a leaf: its values clustered and named).
   * A leaf that is not split has one facet with its own path (isSplit false). Sorted by path.
   */
  facets: ReportFacet[];
}

export interface Support {
  mentions: number;
  conversations: number;
  sources: number;
}

export interface ReportNode {
  id: string;
  parentId: string | null;
  label: string;
  path: string;
  depth: number;
  root: string;
  isLeaf: boolean;
  valueType: string | null;
  support: Support;
  /** Top values under the node (a leaf's own vocabulary, an inner node's leaves summed), by count. */
  values: ValueCount[];
  /** Distinct (value, polarity) pairs under the node, of which `values` is the top. */
  distinctValues: number;
  /** Up to `evidencePerNode` quotes, distinct values first. */
  evidence: Evidence[];
}

export interface ReportFacet {
  id: string;
  /** The leaf the facet is under. */
  nodeId: string;
  label: string;
  /** `<leaf path>.<label>` when split, else the leaf's path. */
  path: string;
  isSplit: boolean;
  support: { mentions: number; conversations: number };
  /** Top values of the facet's mentions, by count (at most `valuesPerFacet`). */
  values: ValueCount[];
  distinctValues: number;
  /** Up to `evidencePerFacet` quotes from facet_evidence, distinct values first. */
  evidence: Evidence[];
}

export interface ValueCount {
  value: string;
  polarity: string;
  count: number;
}

export interface Evidence {
  quote: string;
  /** `source_path:line` of the conversation the quote comes from. */
  locator: string;
  /** The conversation's id in its source file. */
  conversation: string;
  attribute: string;
  value: string;
  polarity: string;
}

export interface ReportPersonas {
  /** The persona set shown: one taxonomy version and run seed (null when the store has no personas). */
  taxonomyVersion: number | null;
  seed: number | null;
  /** Personas in that set, and how many are embedded as cards (at most `limit`). */
  total: number;
  limit: number;
  stats: PersonaStats;
  cards: PersonaCard[];
  /** The taxonomy nodes (leaves) the cards' attributes name (of the personas' taxonomy version), by node id. */
  nodes: Record<string, AttributeNode>;
  /** The value facets the cards' attributes were drawn from, by facet id. */
  facets: Record<string, AttributeFacet>;
  /** Provenance quotes the cards point at (by index), shared by attributes with the same facet (or node) and value. */
  evidence: Evidence[];
}

/** Aggregates over the whole persona set, not only the embedded cards. */
export interface PersonaStats {
  /** attributes per persona → number of personas with that many. */
  attributesPerPersona: Record<string, number>;
  /** root → persona attributes under it. */
  roots: Record<string, number>;
  /** origin (anchor, corpus, llm) → persona attributes. */
  origins: Record<string, number>;
  /** age in whole years → personas. */
  ages: Record<string, number>;
  sexes: Record<string, number>;
  /** ISO2 → { name, personas }. */
  countries: Record<string, { name: string; count: number }>;
}

export interface PersonaCard {
  id: string;
  index: number;
  anchors: CardAnchors;
  summary: string;
  attributes: CardAttribute[];
}

export interface CardAnchors {
  country: string | null;
  countryCode: string | null;
  age: number | null;
  sex: string | null;
  city: string | null;
  region: string | null;
  occupation: string | null;
}

export interface AttributeNode {
  path: string;
  root: string;
  label: string;
}

export interface AttributeFacet {
  path: string;
  label: string;
  isSplit: boolean;
}

export interface CardAttribute {
  /** Key into ReportPersonas.nodes. */
  nodeId: string;
  /** Key into ReportPersonas.facets, or null for rows written before facets (or a facet the version lacks). */
  facetId: string | null;
  value: string;
  polarity: string;
  origin: string;
  stratum: string;
  /**
   * Index into ReportPersonas.evidence (corpus values only), or null when none was found: a quote
   * of the attribute's facet with that value (exact, then prefix), else of its node.
   */
  evidence: number | null;
}

export interface ReportRun {
  runId: string;
  command: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  config: unknown;
  versions: Record<string, string>;
  /** The run manifest JSON (stages with counts and timings, resources), null while it runs. */
  manifest: unknown;
  /** The latest finished row of every stage (the run that last did the work), in pipeline order. */
  stages: StageRow[];
}

export interface StageRow {
  stage: string;
  status: string;
  runId: string;
  stageVersion: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: Record<string, number>;
}

export interface MetricRow {
  metric: string;
  ours: number | null;
  baselines: Record<string, number | null>;
  /** Confidence interval of `ours`. */
  ci?: [number, number];
  description?: string;
  direction?: 'higher' | 'lower' | 'none';
  /** Subject → why its value is null (shown on the dash). */
  notApplicable?: Record<string, string>;
  /** Subject → what an ideal sampler scores at that set's n (fidelity). */
  noiseFloor?: Record<string, { n: number; estimate?: number; plugin: number }>;
}

/** The parts of eval.json the report shows above the metrics table. */
export interface ReportEvaluation {
  whereWeLose: { metric: string; direction: string; ours: number; beatenBy: { set: string; value: number; withinIntervals?: boolean }[] }[];
  sets: { name: string; kind: string; label: string; personas: number; notes: string[] }[];
  skippedSets: { file: string; reason: string }[];
  intervals?: string;
  /** taxonomy.reference (the one-to-one comparison) and taxonomy.labelSample of eval.json. */
  taxonomyReference?: Record<string, unknown>;
  labelSample?: { seed: number; units: number; how: string; rows: { path: string; value: string; quote: string; locator: string }[] };
}

/**
 * Population shares the anchors are sampled from. Weights need not sum to 1 (they are normalised
 * when drawn): per-year age weights from `lo` (as AnchorSampler.ageWeights gives them, pooled over
 * countries), sex weights by the anchors' `sex` value, country weights by ISO2.
 */
export interface AnchorsReference {
  /** What the reference is, e.g. "UN WPP 2024 by age and sex, World Bank population 2024". */
  label?: string;
  age?: { lo: number; weights: number[] };
  sex?: Record<string, number>;
  countries?: Record<string, number>;
}
