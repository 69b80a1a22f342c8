import type { Migration } from './migrations.js';

/** Migrations 4 onward: personas, value facets and evaluations (see migrations.ts for the rules). */
export const PERSONA_MIGRATIONS: Migration[] = [
  {
    version: 4,
    name: 'personas',
    sql: `
      CREATE TABLE personas (
        persona_id VARCHAR PRIMARY KEY,
        run_seed INTEGER NOT NULL,
        persona_seed VARCHAR NOT NULL,
        persona_index INTEGER NOT NULL,
        taxonomy_version INTEGER NOT NULL,
        anchors JSON NOT NULL,
        summary VARCHAR NOT NULL
      );
      -- One row per attribute of a persona, in the persona's attribute order.
      CREATE TABLE persona_attributes (
        persona_id VARCHAR NOT NULL,
        node_id VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        root VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        polarity VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        stratum VARCHAR NOT NULL,
        llm_call_id VARCHAR
      );
      CREATE INDEX persona_attributes_by_persona ON persona_attributes (persona_id);
    `,
  },
  {
    version: 5,
    name: 'value facets',
    sql: `
      -- The level below an attribute leaf: its mined values clustered into named facets. Every
      -- leaf has at least one facet (itself, when not split), so facets are what personas draw.
      CREATE TABLE value_facets (
        version_id INTEGER NOT NULL,
        facet_id VARCHAR NOT NULL,
        node_id VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        root VARCHAR NOT NULL,
        is_split BOOLEAN NOT NULL,
        support_mentions INTEGER NOT NULL,
        support_conversations INTEGER NOT NULL,
        centroid FLOAT[] NOT NULL,
        PRIMARY KEY (version_id, facet_id)
      );
      CREATE TABLE facet_members (
        version_id INTEGER NOT NULL,
        facet_id VARCHAR NOT NULL,
        mention_id VARCHAR NOT NULL
      );
      -- A facet's evidence: the exact quotes of the mentions whose values it groups.
      CREATE VIEW facet_evidence AS
      SELECT f.version_id, f.facet_id, f.node_id, m.mention_id, m.attribute, m.value, m.polarity, m.quote,
             m.span_start, m.span_end, t.turn_id, t.turn_index, cv.conversation_id, cv.external_id, s.source_id,
             s.path AS source_path, cv.line, s.path || ':' || cv.line AS locator, s.is_synthetic
      FROM facet_members fm
      JOIN value_facets f ON f.version_id = fm.version_id AND f.facet_id = fm.facet_id
      JOIN mentions m ON m.mention_id = fm.mention_id
      JOIN turns t ON t.turn_id = m.turn_id
      JOIN conversations cv ON cv.conversation_id = m.conversation_id
      JOIN sources s ON s.source_id = cv.source_id;
      ALTER TABLE persona_attributes ADD COLUMN facet_id VARCHAR;
      -- The attribute's place in its persona (rowid order is not guaranteed after deletes).
      ALTER TABLE persona_attributes ADD COLUMN position INTEGER;
      -- The LLM life-story core (null offline).
      ALTER TABLE personas ADD COLUMN core JSON;
      -- '' for the configured run; the canonical JSON of '--anchor' overrides for other sets of the same seed.
      ALTER TABLE personas ADD COLUMN variant VARCHAR DEFAULT '';
      -- 'deeppersona evaluate': one row per metric and subject (ours or a baseline), newest run last.
      CREATE TABLE evaluations (
        run_id VARCHAR NOT NULL,
        taxonomy_version INTEGER,
        seed INTEGER NOT NULL,
        metric VARCHAR NOT NULL,
        subject VARCHAR NOT NULL,
        value DOUBLE,
        ci_low DOUBLE,
        ci_high DOUBLE,
        created_at TIMESTAMP NOT NULL
      );
    `,
  },
];
