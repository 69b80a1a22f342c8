import type { TextMention } from '../index.js';

/** What the extract pool and its threads say to each other (plain data only). */
export interface WorkerInit {
  kind: 'init';
  roots: readonly string[];
}

export interface WorkerRequest {
  kind: 'extract';
  id: number;
  texts: string[];
}

export type WorkerReply =
  | { kind: 'done'; id: number; results: TextMention[][] }
  /** `index` is the text that threw; the pool names its turn. */
  | { kind: 'error'; id: number; index: number; name: string; message: string; stack?: string };
