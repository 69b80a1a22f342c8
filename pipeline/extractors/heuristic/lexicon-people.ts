/**
 * Word lists about people: what a head noun or adjective after "I'm (a) ..." says about the
 * speaker. General English only; nothing here is tuned to a particular dataset's wording.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Occupation head nouns (singular). Unknown -er/-or/-ist/-ian nouns are accepted with lower confidence. */
export const OCCUPATIONS = set(`
  nurse doctor physician surgeon dentist pharmacist therapist psychologist psychiatrist counselor counsellor
  teacher professor lecturer tutor instructor principal educator librarian researcher scientist chemist
  biologist physicist engineer developer programmer coder designer architect manager director executive ceo
  cto cfo founder cofounder entrepreneur consultant analyst accountant auditor banker lawyer attorney paralegal
  judge chef cook baker butcher barista bartender waiter waitress server cashier clerk receptionist secretary
  assistant administrator officer cop policeman policewoman detective firefighter paramedic emt soldier
  sergeant marine sailor pilot driver trucker mechanic technician electrician plumber carpenter contractor
  builder welder painter farmer rancher gardener landscaper janitor custodian housekeeper cleaner nanny
  babysitter caregiver midwife veterinarian vet journalist reporter editor writer author novelist poet
  blogger vlogger youtuber streamer influencer photographer videographer filmmaker director producer actor
  actress musician singer songwriter composer dancer artist illustrator animator coach trainer athlete
  pastor priest minister rabbi imam monk nun chaplain missionary realtor broker agent recruiter marketer
  salesman saleswoman salesperson rep freelancer intern apprentice homemaker housewife househusband
  retiree pensioner volunteer scholar economist statistician mathematician geologist archaeologist historian
  translator interpreter linguist dietitian nutritionist optometrist radiologist pediatrician surveyor
  machinist fisherman miner logger tailor seamstress florist jeweler stylist hairdresser barber beautician
  cosmetologist esthetician masseuse pharmacologist sysadmin devops admin tester qa owner operator
  supervisor foreman coordinator planner strategist specialist advisor adviser inspector investigator
  guard dispatcher technologist hygienist practitioner clinician resident worker carrier representative
  docent curator councillor councilman councilwoman mayor senator legislator lobbyist diplomat ranger
  deckhand steward stewardess attendant porter courier postman mailman
`);

/** Nouns that describe hobbies or fandom, not jobs: "I'm a huge nerd", "an avid reader". */
/** Clipped job words of chat and their full form, which WordNet knows: "software dev", "vet tech". */
export const CLIPPED_HEADS: ReadonlyMap<string, string> = new Map([
  ['dev', 'developer'], ['tech', 'technician'], ['rep', 'representative'], ['admin', 'administrator'], ['mgr', 'manager'],
  ['eng', 'engineer'], ['engr', 'engineer'], ['prof', 'professor'], ['exec', 'executive'], ['coord', 'coordinator'],
  ['assoc', 'associate'], ['asst', 'assistant'], ['sup', 'supervisor'], ['para', 'paralegal'], ['doc', 'doctor'],
]);

export const INTEREST_HEADS = set(`
  fan lover enthusiast buff junkie addict geek nerd foodie aficionado connoisseur hobbyist gamer reader
  runner cyclist hiker climber swimmer golfer skier snowboarder surfer knitter collector birder birdwatcher
  gardener baker cook traveler traveller backpacker camper angler hunter skater crafter quilter
  bookworm cinephile audiophile techie gearhead petrolhead
`);

export const STUDENT_HEADS = set(`student freshman sophomore junior senior undergrad undergraduate postgrad grad
  graduate phd candidate doctoral learner pupil schoolgirl schoolboy`);

export const SKILL_HEADS = set(`beginner novice newbie noob amateur expert professional pro veteran intermediate
  rookie learner`);

/** "I'm a US citizen", "a permanent resident". */
export const CITIZEN_HEADS = set(`citizen national immigrant expat expatriate refugee migrant`);

export const GENDER_HEADS = set(`man woman guy girl boy lady gentleman dude male female gal bloke`);

/** Family roles the speaker can have: "I'm a mom of two". */
export const PARENT_ROLES = set(`mom mother mum dad father parent grandma grandmother grandpa grandfather
  grandparent stepmom stepmother stepdad stepfather wife husband stepparent`);

export const RELIGIONS = set(`christian catholic protestant evangelical baptist methodist lutheran mormon
  orthodox muslim jewish jew hindu buddhist sikh jain pagan wiccan atheist agnostic spiritual religious
  quaker anglican presbyterian pentecostal adventist`);

export const DEMONYMS = set(`american canadian mexican brazilian argentinian chilean colombian peruvian
  british english scottish welsh irish french german italian spanish portuguese dutch belgian swiss
  austrian swedish norwegian danish finnish icelandic polish czech slovak hungarian romanian bulgarian
  greek turkish russian ukrainian serbian croatian bosnian albanian lithuanian latvian estonian israeli
  iranian persian iraqi syrian lebanese egyptian moroccan algerian tunisian nigerian ghanaian kenyan
  ethiopian somali african chinese japanese korean vietnamese thai filipino filipina indonesian malaysian
  singaporean indian pakistani bangladeshi nepali sri lankan australian kiwi asian european latino latina
  hispanic arab texan californian new yorker hawaiian quebecois puerto rican cuban dominican jamaican haitian
  taiwanese mongolian kazakh uzbek afghan saudi emirati armenian georgian`);

export const LANGUAGES = set(`english spanish french german italian portuguese dutch russian ukrainian polish
  czech greek turkish arabic hebrew persian farsi urdu hindi bengali punjabi tamil telugu marathi gujarati
  chinese mandarin cantonese japanese korean vietnamese thai indonesian malay tagalog filipino swahili
  swedish norwegian danish finnish icelandic hungarian romanian bulgarian serbian croatian latin esperanto
  catalan basque galician irish welsh amharic yoruba igbo zulu afrikaans asl`);

/** Prepositions after which a status adjective means taking part, not the status: "engaged in a project". */
export const STATE_NOT_BEFORE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['engaged', new Set(['in', 'with', 'by', 'on'])],
  ['separated', new Set(['by', 'in', 'into', 'with'])],
]);

/** "I'm X" adjectives that are stable attributes, mapped to [attribute, root key]. */
export const STATE_ADJECTIVES: ReadonlyMap<string, readonly [string, string]> = new Map<string, readonly [string, string]>([
  ...['vegan', 'vegetarian', 'pescatarian', 'pescetarian', 'keto', 'paleo', 'kosher', 'halal', 'gluten-free', 'dairy-free', 'plant-based', 'carnivore', 'flexitarian', 'teetotal', 'sober'].map(
    (w) => [w, ['diet', 'health']] as const,
  ),
  ...['diabetic', 'celiac', 'coeliac', 'asthmatic', 'epileptic', 'pregnant', 'disabled', 'deaf', 'blind', 'colorblind', 'colourblind', 'autistic', 'dyslexic', 'anemic', 'hypertensive', 'immunocompromised', 'bipolar', 'neurodivergent', 'lactose', 'insomniac'].map(
    (w) => [w, ['health condition', 'health']] as const,
  ),
  ...['married', 'single', 'divorced', 'widowed', 'engaged', 'separated'].map((w) => [w, ['marital status', 'relationships']] as const),
  ...['retired', 'unemployed', 'self-employed', 'jobless'].map((w) => [w, ['employment status', 'career']] as const),
  ...['introverted', 'extroverted', 'extraverted', 'shy', 'outgoing', 'introvert', 'extrovert', 'ambivert', 'perfectionist', 'impatient', 'organized', 'disorganized', 'competitive', 'frugal', 'thrifty', 'spontaneous', 'adventurous', 'sociable', 'reserved', 'anxious'].map(
    (w) => [w, ['personality trait', 'psychology']] as const,
  ),
  ...['bilingual', 'trilingual', 'multilingual', 'monolingual'].map((w) => [w, ['language ability', 'culture']] as const),
  ...['gay', 'lesbian', 'bisexual', 'bi', 'queer', 'asexual', 'straight', 'pansexual'].map((w) => [w, ['sexual orientation', 'demographic']] as const),
  ...['transgender', 'trans', 'nonbinary', 'non-binary', 'cisgender'].map((w) => [w, ['gender identity', 'demographic']] as const),
  ...['left-handed', 'right-handed', 'tall', 'short'].map((w) => [w, ['physical trait', 'health']] as const),
  ...['conservative', 'liberal', 'progressive', 'libertarian', 'socialist', 'left-leaning', 'right-leaning', 'apolitical'].map(
    (w) => [w, ['political views', 'values']] as const,
  ),
]);

/** Family nouns after "my": [attribute, canonical form]. */
export const FAMILY: ReadonlyMap<string, string> = new Map<string, string>([
  ...['husband', 'wife', 'partner', 'spouse', 'boyfriend', 'girlfriend', 'fiance', 'fiancé', 'fiancee', 'fiancée', 'bf', 'gf'].map((w) => [w, 'partner'] as const),
  ...['son', 'daughter', 'kid', 'kids', 'child', 'children', 'baby', 'toddler', 'teenager', 'teen', 'twins', 'sons', 'daughters', 'stepson', 'stepdaughter', 'newborn', 'infant', 'boys', 'girls'].map((w) => [w, 'children'] as const),
  ...['mom', 'mother', 'mum', 'dad', 'father', 'parents', 'stepmom', 'stepdad', 'stepmother', 'stepfather'].map((w) => [w, 'parents'] as const),
  ...['brother', 'sister', 'brothers', 'sisters', 'sibling', 'siblings'].map((w) => [w, 'siblings'] as const),
  ...['grandma', 'grandmother', 'grandpa', 'grandfather', 'grandparents', 'granny', 'nana'].map((w) => [w, 'grandparents'] as const),
  ...['grandson', 'granddaughter', 'grandkids', 'grandchildren', 'grandchild', 'grandkid'].map((w) => [w, 'grandchildren'] as const),
  ...['aunt', 'uncle', 'cousin', 'cousins', 'niece', 'nephew', 'nieces', 'nephews', 'in-laws'].map((w) => [w, 'extended family'] as const),
]);

export const PETS = set(`dog dogs puppy puppies pup cat cats kitten kittens kitty parrot parrots bird birds
  budgie cockatiel parakeet hamster hamsters gerbil rabbit rabbits bunny bunnies fish goldfish turtle
  tortoise snake lizard gecko iguana horse horses pony ferret chinchilla hedgehog chickens hens guinea
  retriever labrador poodle beagle bulldog chihuahua husky terrier shepherd dachshund corgi pug
  spaniel collie rottweiler doberman boxer schnauzer greyhound pitbull maltese shih tzu yorkie siamese
  tabby persian`);

/** Words that turn "my X" into a business or venture: "my bakery", "my consulting business". */
export const BUSINESS_NOUNS = set(`business company startup shop store bakery restaurant cafe café
  salon studio practice firm agency clinic farm brand boutique channel blog podcast nonprofit charity
  truck franchise`);
