import type { PersonaSet, QualityAttribute, SourceKind } from '../../../pipeline/evaluate/quality/persona-set.js';

const at = (path: string, value: string, source?: SourceKind): QualityAttribute => ({ path: path.split(' › '), value, ...(source ? { source } : {}) });

/**
 * Four hand-made personas; every metric's expected value in quality-metrics.test.ts is computed
 * by hand from these lines. P1–P3 each carry planted contradictions, P4 none.
 */
export const FIXTURE_SET: PersonaSet = {
  name: 'fixture',
  personas: [
    {
      id: 'p1',
      anchors: { age: 30, sex: 'male' },
      attributes: [
        at('Demographic Information › Age', '30', 'anchor'),
        at('Relationships › Family Role', 'single mother', 'human'), // gendered role; marital "single"
        at('Relationships › Marital Status', 'married', 'llm-corpus'), // vs "single mother": single-valued
        at('Relationships › Child › Age', '29', 'llm-corpus'), // child 29 of a 30-year-old
        at('Hobbies › Interest', 'startup', 'llm-corpus'),
        at('Hobbies › Interest', 'and logo design', 'llm-corpus'), // starts with a conjunction
      ],
    },
    {
      id: 'p2',
      anchors: { age: 25, sex: 'female' },
      attributes: [
        at('Demographic Information › Age', '25', 'anchor'),
        at('Physical › Diet', 'strict vegan diet', 'human'),
        at('Food › Food Preference', 'grilled salmon', 'human'), // diet clash
        at('Career › Employment Status', 'retired', 'human'), // retired at 25
        at('Hobbies › Interest', 'startup', 'human'),
        at('Hobbies › Interest', 'connecting with professionals who work in', 'human'), // dangling end
      ],
    },
    {
      id: 'p3',
      anchors: { sex: 'female' },
      attributes: [
        at('Career › Business Ownership › Bakery', 'bakery', 'llm'),
        at('Career › Business Ownership › Clinic', 'veterinary clinic', 'llm'),
        at('Career › Business Ownership › Blog', 'cooking blog', 'llm'), // 3 businesses
        at('Relationships › Marital Status', 'engaged', 'llm'),
        at('Relationships › Partner', 'my boyfriend', 'llm'), // engaged + boyfriend
        at('Hobbies › Interest', 'startup', 'llm'),
        at('Hobbies › Interest', 'hiking', 'llm'),
        at('Hobbies › Interest', 'the'), // bare function word, no source
      ],
    },
    { id: 'p4', anchors: { age: 40, sex: 'male' }, attributes: [at('Hobbies › Interest', 'startup'), at('Hobbies › Interest', 'chess')] },
  ],
};
