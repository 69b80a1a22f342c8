/**
 * Names the attribute of a like/dislike/habit from the words of its value ("jazz" → music
 * preference). Attributes are short and generic and never contain the value; the topic words are
 * ordinary English vocabulary, not any dataset's wording.
 */
import type { RootKey } from './roots.js';

interface Topic {
  preference: string;
  habit: string;
  root: RootKey;
  words: string;
}

// Order matters: the first topic with a hit on the value's head (last noun) wins, then any word.
const TOPICS: readonly Topic[] = [
  { preference: 'dietary preference', habit: 'eating habit', root: 'health', words: 'diet vegan vegetarian keto paleo gluten dairy lactose meat pork beef chicken seafood fish sugar sugary sweet sweets spicy savory salty carb carbs protein organic plant-based calorie calories fasting' },
  { preference: 'food preference', habit: 'eating habit', root: 'hobbies', words: 'food foods cuisine dish dishes meal meals snack snacks dessert desserts breakfast lunch dinner cooking recipe recipes pizza pasta sushi curry burger burgers salad salads fruit fruits vegetable vegetables cheese chocolate bread rice noodles soup restaurant restaurants eating flavor flavors flavours baking' },
  { preference: 'drink preference', habit: 'drinking habit', root: 'routine', words: 'coffee tea beer wine alcohol drink drinks drinking cocktail cocktails soda juice whiskey vodka latte espresso caffeine smoothie smoothies' },
  { preference: 'music preference', habit: 'music listening habit', root: 'media', words: 'music song songs album albums band bands jazz rock pop metal hip-hop hip hop rap classical country edm techno genre genres concert concerts singer playlist playlists guitar piano violin drums opera blues folk punk reggae kpop k-pop indie' },
  { preference: 'reading preference', habit: 'reading habit', root: 'media', words: 'book books novel novels reading read author authors fiction nonfiction non-fiction poetry manga comics comic audiobook audiobooks literature memoir memoirs biography biographies fantasy mystery thriller thrillers romance sci-fi' },
  { preference: 'screen media preference', habit: 'viewing habit', root: 'media', words: 'movie movies film films show shows series tv television documentary documentaries anime sitcom sitcoms drama dramas netflix cinema cartoon cartoons animation animated streaming episode episodes youtube' },
  { preference: 'gaming preference', habit: 'gaming habit', root: 'media', words: 'game games gaming videogame videogames rpg rpgs tabletop console xbox playstation nintendo puzzle puzzles chess esports board' },
  { preference: 'podcast preference', habit: 'listening habit', root: 'media', words: 'podcast podcasts radio' },
  { preference: 'exercise preference', habit: 'exercise habit', root: 'routine', words: 'exercise exercises workout workouts gym running run jogging jog yoga pilates lifting weights cardio fitness training swimming cycling biking walking walk walks crossfit stretching marathon marathons strength' },
  { preference: 'sports preference', habit: 'sports habit', root: 'hobbies', words: 'sport sports football soccer basketball baseball hockey tennis golf cricket rugby volleyball boxing wrestling skiing snowboarding surfing climbing skating team' },
  { preference: 'outdoor activity preference', habit: 'outdoor habit', root: 'hobbies', words: 'hiking hike hikes camping camp outdoors outdoor nature fishing hunting kayaking beach beaches mountains mountain park parks garden gardening trail trails wildlife' },
  { preference: 'travel preference', habit: 'travel habit', root: 'hobbies', words: 'travel traveling travelling trip trips vacation vacations holiday holidays destination destinations tour tours tourist sightseeing adventure adventures cruise cruises abroad flight flights flying backpacking' },
  { preference: 'accommodation preference', habit: 'travel habit', root: 'hobbies', words: 'hotel hotels hostel hostels airbnb resort resorts accommodation accommodations lodging motel inn rental rentals' },
  { preference: 'transport preference', habit: 'commuting habit', root: 'routine', words: 'transport transportation transit bus buses train trains subway metro taxi uber lyft ride-sharing rideshare carpool commute commuting bike bikes bicycle scooter ferry' },
  { preference: 'vehicle preference', habit: 'driving habit', root: 'hobbies', words: 'car cars vehicle vehicles truck trucks suv suvs sedan van motorcycle motorcycles ev evs electric hybrid driving automaker automakers brand brands engine' },
  { preference: 'fashion preference', habit: 'clothing habit', root: 'hobbies', words: 'clothes clothing fashion outfit outfits dress dresses shoes sneakers boots jeans shirt shirts jacket jackets leather wool silk cotton fabric fabrics jewelry accessories wear wearing' },
  { preference: 'beauty preference', habit: 'grooming habit', root: 'hobbies', words: 'makeup skincare skin fragrance fragrances perfume perfumes scent scents lotion lotions cosmetic cosmetics beauty hair haircut shampoo nail nails unscented' },
  { preference: 'home decor preference', habit: 'household habit', root: 'hobbies', words: 'decor furniture wallpaper wall walls interior interiors rug rugs curtains sofa couch lighting kitchen bedroom living room home house apartment minimalist' },
  { preference: 'technology preference', habit: 'technology habit', root: 'hobbies', words: 'software app apps phone phones smartphone laptop laptops computer computers gadget gadgets device devices tech technology subscription subscriptions iphone android apple windows linux mac cloud smart' },
  { preference: 'learning preference', habit: 'study habit', root: 'education', words: 'learning learn course courses class classes classroom lecture lectures textbook textbooks tutorial tutorials study studying lesson lessons education teaching online in-person hands-on workshop workshops' },
  { preference: 'work preference', habit: 'work habit', root: 'career', words: 'work working job jobs office remote meeting meetings colleagues deadline deadlines projects project clients career schedule schedules role roles workspace teamwork collaboration' },
  { preference: 'social preference', habit: 'social habit', root: 'psychology', words: 'people crowd crowds crowded party parties gathering gatherings socializing social quiet noisy noise loud alone solitude company' },
  { preference: 'climate preference', habit: 'seasonal habit', root: 'routine', words: 'weather climate climates heat temperature temperatures sun sunny rain rainy winter summer humid humidity snow' },
  { preference: 'animal preference', habit: 'pet care habit', root: 'hobbies', words: 'animal animals dog dogs cat cats pet pets bird birds horse horses reptile reptiles insects' },
  { preference: 'sustainability preference', habit: 'sustainability habit', root: 'values', words: 'sustainable sustainability eco-friendly environmentally eco ethical ethically fair-trade recycled recycling reusable zero-waste low-impact cruelty-free biodegradable compostable green carbon' },
  { preference: 'wellness preference', habit: 'wellness habit', root: 'health', words: 'stress wellness mindfulness meditation relaxation herbal remedies remedy supplements holistic therapy massage mental health self-care' },
  { preference: 'art preference', habit: 'creative habit', root: 'hobbies', words: 'color colors colour colours palette palettes art arts painting paintings drawing sketching photography craft crafts crafting museum museums gallery galleries design writing knitting sewing pottery' },
  { preference: 'shopping preference', habit: 'shopping habit', root: 'hobbies', words: 'shopping shop shops store stores mall online purchase purchases buying thrift secondhand second-hand' },
  { preference: 'sleep preference', habit: 'sleep habit', root: 'routine', words: 'sleep sleeping nap naps bed bedtime mattress' },
];

const WORD_TOPIC = new Map<string, number>();
TOPICS.forEach((t, i) => {
  for (const w of t.words.split(/\s+/)) if (!WORD_TOPIC.has(w)) WORD_TOPIC.set(w, i);
});

export interface Category {
  attribute: string;
  root: RootKey;
}

/**
 * `kind` picks the attribute form; `words` are the value's lower-case words and lemmas, with the
 * head (last) noun first so it decides before modifiers do.
 */
export function categorise(kind: 'preference' | 'habit', words: readonly string[], verbLike: boolean, fallback?: string): Category {
  for (const w of words) {
    const i = WORD_TOPIC.get(w);
    if (i === undefined) continue;
    const t = TOPICS[i] as Topic;
    return { attribute: kind === 'preference' ? t.preference : t.habit, root: t.root };
  }
  if (kind === 'habit') return { attribute: 'daily routine', root: 'routine' };
  // An unrecognised activity ("I love woodworking") is a hobby; anything else stays general.
  if (fallback) return { attribute: fallback, root: 'hobbies' };
  return verbLike ? { attribute: 'activity preference', root: 'hobbies' } : { attribute: 'general preference', root: 'hobbies' };
}
