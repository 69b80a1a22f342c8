import type { AnchorSamplerOptions } from '../../anchors/sample-anchors.js';
import type { GeneratedPersona, GenerateContext } from '../generate-persona.js';
import type { CatalogRows } from '../load-catalog.js';

/** What crosses the thread boundary: plain data only (the catalog and sampler are rebuilt). */
export interface PoolContext extends Omit<GenerateContext, 'catalog' | 'sampler'> {
  rows: CatalogRows;
  samplerOptions: AnchorSamplerOptions;
}

export interface PoolInit {
  kind: 'init';
  context: PoolContext;
}

export interface PoolRequest {
  kind: 'generate';
  id: number;
  from: number;
  to: number;
}

export type PoolReply =
  | { kind: 'done'; id: number; results: GeneratedPersona[] }
  | { kind: 'error'; id: number; message: string };
