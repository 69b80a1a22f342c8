/** The generated persona: anchors sampled from population tables plus attributes from the taxonomy. */

export interface Anchors { country: { iso2: string; iso3: string; name: string }; age: number; sex: 'female' | 'male'; city: { name: string; region?: string; population: number }; occupation: { title: string; soc: string } | null; mode: 'population' | 'uniform' }
export type ValueOrigin = 'anchor' | 'corpus' | 'llm';
export interface PersonaAttribute { nodeId: string; facetId?: string | null; path: string; root: string; label: string; value: string; polarity: 'positive' | 'negative' | 'neutral'; origin: ValueOrigin; stratum: 'near' | 'middle' | 'far' | 'anchor'; valueType: 'numeric' | 'categorical' | 'free_text'; llmCallId: string | null }
/** The paper's life-story core (LLM only): values, tone, life attitude, short stories, inferred interests. */
export interface LifeStoryCore { values: string[]; tone: string; lifeAttitude: string; stories: string[]; interests: string[] }
export interface Persona { personaId: string; seed: number; index: number; anchors: Anchors; attributes: PersonaAttribute[]; summary: string; core?: LifeStoryCore }
