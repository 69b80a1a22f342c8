import type { Claim, PersonFacts, Sex } from './person-facts.js';
import type { Anchors } from './types.js';

/**
 * The person built so far: the anchors plus every claim of the values already chosen. A value is
 * admitted only when each of its claims agrees with this state (its sex, one relationship status,
 * one religion, a diet and the foods liked, counts and the items they count, ages possible for
 * the persona's age, a life stage at a possible age); admitting it adds its claims. Drawing values
 * in order against this state replaces "generate, then repair" for these families.
 */

export class PersonState {
  private readonly relationships = new Set<string>();
  private readonly religions: { value: string; within?: string }[] = [];
  private readonly diets = new Set<string>();
  private readonly eats = new Set<string>();
  private readonly counts = new Map<string, number>();
  private readonly items = new Map<string, number>();
  private partnerSex: Sex | undefined;

  /** `drawnCounts`: per countable, the number this persona has if a value does not state one first. */
  constructor(
    readonly anchors: Pick<Anchors, 'age' | 'sex'> & Partial<Pick<Anchors, 'occupation'>>,
    private readonly facts: PersonFacts,
    private readonly drawnCounts: ReadonlyMap<string, number> = new Map(),
  ) {
    // The anchor occupation is the persona's job: it is one item of the "jobs" countable.
    if (anchors.occupation && facts.countables.jobs) this.items.set('jobs', 1);
  }

  /** Why the claims do not fit this person, or null when they do. */
  conflict(claims: readonly Claim[]): string | null {
    const { age, sex } = this.anchors;
    const f = this.facts;
    const pendingItems = new Map<string, number>();
    for (const c of claims) {
      switch (c.kind) {
        case 'sex':
          if (c.value !== sex) return `a ${c.value} role for a ${sex} persona`;
          break;
        case 'partner-sex':
          // Partners follow the majority pattern (opposite sex) and stay one person across attributes.
          if (c.value === sex || (this.partnerSex && this.partnerSex !== c.value)) return `a ${c.value} partner`;
          break;
        case 'relationship':
          for (const r of this.relationships) if (!this.compatible(f.relationshipCompatible, r, c.value)) return `${c.value} while ${r}`;
          if (age < 16 && c.value !== 'single') return `${c.value} at ${age}`;
          break;
        case 'religion':
          for (const r of this.religions) {
            if (!(r.value === c.value || r.within === c.value || c.within === r.value)) return `${c.value} and ${r.value}`;
          }
          break;
        case 'diet':
          for (const d of this.diets) if (!this.compatible(f.dietCompatible, d, c.value)) return `${c.value} and ${d}`;
          for (const e of this.eats) if (f.dietExcludes[c.value]?.includes(e)) return `${c.value} but likes ${e}`;
          break;
        case 'eats':
          for (const d of this.diets) if (f.dietExcludes[d]?.includes(c.value)) return `likes ${c.value} but ${d}`;
          break;
        case 'count': {
          const spec = f.countables[c.key];
          if (spec && c.value > 0 && age < spec.minAge) return `${c.value} ${c.key} at ${age}`;
          if (spec && c.value > spec.max) return `${c.value} ${c.key} (at most ${spec.max})`;
          const held = this.counts.get(c.key);
          if (held !== undefined && held !== c.value) return `${c.value} ${c.key} but ${held} already`;
          if ((this.items.get(c.key) ?? 0) > c.value) return `${c.value} ${c.key} but more items already`;
          break;
        }
        case 'item': {
          const spec = f.countables[c.key];
          if (spec && age < spec.minAge) return `${c.key} at ${age}`;
          const limit = this.counts.get(c.key) ?? this.drawnCounts.get(c.key) ?? spec?.max ?? Infinity;
          const after = (this.items.get(c.key) ?? 0) + (pendingItems.get(c.key) ?? 0) + 1;
          if (after > limit) return `more ${c.key} than ${limit}`;
          pendingItems.set(c.key, (pendingItems.get(c.key) ?? 0) + 1);
          break;
        }
        case 'child-age': {
          const max = sex === 'female' ? f.parentAge.maxFemale : f.parentAge.maxMale;
          const gap = age - c.value;
          if (gap < f.parentAge.min || gap > max) return `a ${c.value}-year-old child at ${age}`;
          break;
        }
        case 'grandchild-age':
          if (age - c.value < f.grandparentAge.min) return `a ${c.value}-year-old grandchild at ${age}`;
          break;
        case 'birth-year':
          if (Math.abs(f.referenceYear - age - c.value) > 1) return `born ${c.value} but ${age} in ${f.referenceYear}`;
          break;
        case 'stage':
          if (age < c.minAge || age > c.maxAge) return `${c.id} at ${age}`;
          break;
      }
    }
    return null;
  }

  /** Records admitted claims. */
  add(claims: readonly Claim[]): void {
    for (const c of claims) {
      if (c.kind === 'partner-sex') this.partnerSex = c.value;
      else if (c.kind === 'relationship') this.relationships.add(c.value);
      else if (c.kind === 'religion') this.religions.push(c);
      else if (c.kind === 'diet') this.diets.add(c.value);
      else if (c.kind === 'eats') this.eats.add(c.value);
      else if (c.kind === 'count') this.counts.set(c.key, c.value);
      else if (c.kind === 'item') {
        this.items.set(c.key, (this.items.get(c.key) ?? 0) + 1);
        // The first item fixes the count at the drawn number, so a later "four kids" must agree with it.
        if (!this.counts.has(c.key) && this.drawnCounts.has(c.key)) this.counts.set(c.key, Math.max(this.drawnCounts.get(c.key)!, this.items.get(c.key)!));
      }
    }
  }

  private compatible(pairs: readonly (readonly [string, string])[], a: string, b: string): boolean {
    return a === b || pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  }
}
