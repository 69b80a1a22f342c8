/** Vocabulary shared by the statements read around "my" (family-possessive.ts, family-backward.ts). */

export const NP_STOP = new Set(['of', 'for', 'to', 'in', 'with', 'on', 'and', 'or', 'at', 'from', 'who', 'that', 'named', 'called', 'about']);
export const FAVORITE = new Set(['favorite', 'favourite', 'preferred', 'usual', 'typical', 'go-to', 'ideal', 'dream']);

/** Nouns of the conversation itself: "my question is", "my code is" say nothing about the speaker. */
export const CHAT_NOUNS = new Set([
  'question', 'problem', 'issue', 'point', 'concern', 'request', 'answer', 'code', 'output', 'error', 'task', 'prompt',
  'idea', 'suggestion', 'guess', 'opinion', 'thought', 'thing', 'understanding', 'point', 'reason', 'response', 'message',
  'text', 'essay', 'draft', 'version', 'list', 'query', 'script', 'function', 'file', 'data', 'input', 'result', 'apologies',
  'bad', 'mistake', 'fault', 'pleasure', 'take', 'experience', 'first', 'turn', 'concern', 'hope', 'plan', 'budget',
]);

