/**
 * A prior over the root of a like, dislike or habit from the words of its value ("jazz" → media,
 * "vegan" → health), and a domain hint that tells WordNet which sense of a word is meant (jazz
 * the music, not jazz the empty talk). It never names the attribute: names come from the
 * statement itself (see naming.ts). The words are ordinary English vocabulary, not any
 * dataset's wording.
 */
import type { RootKey } from './roots.js';

export interface Topic {
  root: RootKey;
  /** Words of the domain; a WordNet sense whose ancestors contain one of them is preferred. */
  words: readonly string[];
}

// Order matters: the first topic with a hit on the value's head (last noun) wins, then any word.
const TOPICS: readonly Topic[] = [
  { root: 'health', words: w('diet vegan vegetarian keto paleo gluten dairy lactose meat pork beef chicken seafood fish sugar sugary sweet sweets spicy savory salty carb carbs protein organic plant-based calorie calories fasting') },
  { root: 'hobbies', words: w('food foods cuisine dish dishes meal meals snack snacks dessert desserts breakfast lunch dinner cooking recipe recipes pizza pasta sushi curry burger burgers salad salads fruit fruits vegetable vegetables cheese chocolate bread rice noodles soup restaurant restaurants eating flavor flavors flavours baking') },
  { root: 'routine', words: w('coffee tea beer wine alcohol drink drinks drinking cocktail cocktails soda juice whiskey vodka latte espresso caffeine smoothie smoothies') },
  { root: 'media', words: w('music song songs album albums band bands jazz rock pop metal hip-hop hip hop rap classical country edm techno genre genres concert concerts singer playlist playlists guitar piano violin drums opera blues folk punk reggae kpop k-pop indie') },
  { root: 'media', words: w('book books novel novels reading read author authors fiction nonfiction non-fiction poetry manga comics comic audiobook audiobooks literature memoir memoirs biography biographies fantasy mystery thriller thrillers romance sci-fi') },
  { root: 'media', words: w('movie movies film films show shows series tv television documentary documentaries anime sitcom sitcoms drama dramas netflix cinema cartoon cartoons animation animated streaming episode episodes youtube') },
  { root: 'media', words: w('game games gaming videogame videogames rpg rpgs tabletop console xbox playstation nintendo puzzle puzzles chess esports board') },
  { root: 'media', words: w('podcast podcasts radio') },
  { root: 'routine', words: w('exercise exercises workout workouts gym running run jogging jog yoga pilates lifting weights cardio fitness training swimming cycling biking walking walk walks crossfit stretching marathon marathons strength') },
  { root: 'hobbies', words: w('sport sports football soccer basketball baseball hockey tennis golf cricket rugby volleyball boxing wrestling skiing snowboarding surfing climbing skating team') },
  { root: 'hobbies', words: w('hiking hike hikes camping camp outdoors outdoor nature fishing hunting kayaking beach beaches mountains mountain park parks garden gardening trail trails wildlife') },
  { root: 'hobbies', words: w('travel traveling travelling trip trips vacation vacations holiday holidays destination destinations tour tours tourist sightseeing adventure adventures cruise cruises abroad flight flights flying backpacking') },
  { root: 'hobbies', words: w('hotel hotels hostel hostels airbnb resort resorts accommodation accommodations lodging motel inn rental rentals') },
  { root: 'routine', words: w('transport transportation transit bus buses train trains subway metro taxi uber lyft ride-sharing rideshare carpool commute commuting bike bikes bicycle scooter ferry') },
  { root: 'hobbies', words: w('car cars vehicle vehicles truck trucks suv suvs sedan van motorcycle motorcycles ev evs electric hybrid driving automaker automakers brand brands engine') },
  { root: 'hobbies', words: w('clothes clothing fashion outfit outfits dress dresses shoes sneakers boots jeans shirt shirts jacket jackets leather wool silk cotton fabric fabrics jewelry accessories wear wearing') },
  { root: 'hobbies', words: w('makeup skincare skin fragrance fragrances perfume perfumes scent scents lotion lotions cosmetic cosmetics beauty hair haircut shampoo nail nails unscented') },
  { root: 'hobbies', words: w('decor furniture wallpaper wall walls interior interiors rug rugs curtains sofa couch lighting kitchen bedroom living room home house apartment minimalist') },
  { root: 'hobbies', words: w('software app apps phone phones smartphone laptop laptops computer computers gadget gadgets device devices tech technology subscription subscriptions iphone android apple windows linux mac cloud smart') },
  { root: 'education', words: w('learning learn course courses class classes classroom lecture lectures textbook textbooks tutorial tutorials study studying lesson lessons education teaching online in-person hands-on workshop workshops') },
  { root: 'career', words: w('work working job jobs office remote meeting meetings colleagues deadline deadlines projects project clients career schedule schedules role roles workspace teamwork collaboration') },
  { root: 'psychology', words: w('people crowd crowds crowded party parties gathering gatherings socializing social quiet noisy noise loud alone solitude company') },
  { root: 'routine', words: w('weather climate climates heat temperature temperatures sun sunny rain rainy winter summer humid humidity snow') },
  { root: 'hobbies', words: w('animal animals dog dogs cat cats pet pets bird birds horse horses reptile reptiles insects') },
  { root: 'values', words: w('sustainable sustainability eco-friendly environmentally eco ethical ethically fair-trade recycled recycling reusable zero-waste low-impact cruelty-free biodegradable compostable green carbon') },
  { root: 'health', words: w('stress wellness mindfulness meditation relaxation herbal remedies remedy supplements holistic therapy massage mental health self-care') },
  { root: 'hobbies', words: w('color colors colour colours palette palettes art arts painting paintings drawing sketching photography craft crafts crafting museum museums gallery galleries design writing knitting sewing pottery') },
  { root: 'hobbies', words: w('shopping shop shops store stores mall online purchase purchases buying thrift secondhand second-hand') },
  { root: 'routine', words: w('sleep sleeping nap naps bed bedtime mattress') },
];

function w(s: string): readonly string[] {
  return s.split(/\s+/);
}

const WORD_TOPIC = new Map<string, Topic>();
for (const t of TOPICS) for (const word of t.words) if (!WORD_TOPIC.has(word)) WORD_TOPIC.set(word, t);

/** `words` are the value's lower-case words and lemmas, head (last noun) first. */
export function topicOf(words: readonly string[]): Topic | null {
  for (const word of words) {
    const t = WORD_TOPIC.get(word);
    if (t) return t;
  }
  return null;
}
