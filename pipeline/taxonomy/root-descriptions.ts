/**
 * One line per default root: what belongs there, followed by exemplar words and short phrases.
 * Written from general knowledge of how people describe themselves (never from any reference
 * taxonomy); each exemplar is embedded on its own, and a phrase without an extractor hint goes to
 * the root whose exemplars it is nearest to (see assign-roots.ts). Roots get a similar number of
 * exemplars (~50), so no root wins just by having more chances to be near.
 */
export const DEFAULT_ROOT_DESCRIPTIONS: Record<string, string> = {
  'Demographic Information':
    'basic facts about a person: age, gender, sex, gender identity, pronouns, date of birth, birthday, birth year, generation, nationality, citizenship, ethnicity, race, ancestry, ' +
    'country of origin, hometown, birthplace, place of residence, current city, country, state, region, urban or rural area, address, zip code, marital status, married, single, ' +
    'divorced, widowed, household size, household composition, number of children, living arrangement, income, income bracket, socioeconomic status, social class, ' +
    'employment status, education level, native language, languages spoken, immigration status, residency, veteran status, religion affiliation, full name, demographics',
  'Physical and Health Characteristics':
    'the body and health: height, weight, body type, build, physical appearance, hair color, eye color, skin tone, facial features, tattoos, physical fitness, strength, ' +
    'stamina, athletic ability, disability, mobility, chronic illness, disease, medical condition, medical history, diagnosis, allergies, medication, prescriptions, ' +
    'surgery, injury, pain, blood pressure, diabetes, asthma, heart health, mental health condition, depression, sleep quality, insomnia, nutrition, dietary restrictions, ' +
    'vision, eyesight, glasses, hearing, dental health, pregnancy, reproductive health, aging, energy level, health insurance, doctor visits, wellness, body health',
  'Psychological and Cognitive Aspects':
    'the mind and personality: personality traits, temperament, character, introvert, extrovert, openness, conscientiousness, agreeableness, neuroticism, intelligence, ' +
    'cognitive abilities, reasoning, problem solving, critical thinking, analytical thinking, logic, memory, attention, focus, concentration, learning style, thinking style, ' +
    'decision making, judgment, creativity, imagination, curiosity, self awareness, self concept, self esteem, confidence, motivation, ambition, aspirations, fears, phobias, ' +
    'anxiety, stress, resilience, mindset, optimism, pessimism, emotions, mood, emotional stability, feelings, perfectionism, procrastination, impulsivity, risk taking, mental processes, ' +
    'patience, kindness, sense of humor, coping mechanisms, attachment style, self image, strengths and weaknesses, mental well being, psychological needs, inner life',
  'Cultural and Social Context':
    'culture and society around a person: cultural background, cultural identity, heritage, traditions, customs, rituals, holidays, festivals, celebrations, traditional food, ' +
    'cuisine, folklore, dialect, religious community, church, temple, mosque, community involvement, social groups, social status, social norms, social roles, gender roles, ' +
    'subculture, political environment, civic engagement, activism, local community, diaspora, migration history, multiculturalism, cultural values, etiquette, manners, ' +
    'family traditions, societal influences, cultural events, national identity, regional identity, cultural practices, social movements, society, community events',
  'Relationships and Social Networks':
    'the people in a life: family, family structure, spouse, partner, husband, wife, boyfriend, girlfriend, romantic relationship, dating, marriage, children, kids, son, daughter, ' +
    'parents, mother, father, siblings, brother, sister, grandparents, grandchildren, relatives, in-laws, cousins, friends, best friend, close friends, friendship, ' +
    'acquaintances, neighbours, colleagues, coworkers, mentors, classmates, roommates, social circle, social network, support network, relationship status, family dynamics, ' +
    'family relationships, social support, pets as family, companionship, social connections, people they are close to',
  'Career and Work Identity':
    'work and career: occupation, job, profession, career, job title, role, position, employer, company, organization, industry, sector, workplace, office, work experience, ' +
    'career history, years of experience, professional skills, expertise, specialization, career goals, career aspirations, promotion, career change, job satisfaction, ' +
    'work ethic, work style, leadership role, management, team, entrepreneurship, business owner, startup, freelance, self employed, remote work, work schedule, working hours, ' +
    'shift work, salary, compensation, benefits, professional development, professional networking, professional achievements, retirement, unemployment, job search, internship, ' +
    'labor union, workplace skills, managing people, clients, business',
  'Education and Learning':
    'education and learning: education level, school, high school, college, university, degree, bachelor degree, master degree, doctorate, diploma, major, minor, field of study, ' +
    'subjects, courses, classes, curriculum, grades, academic performance, academic achievements, scholarships, graduation, alumni, teachers, professors, students, study habits, ' +
    'homework, exams, tests, certifications, licenses, training, vocational training, apprenticeship, online courses, self study, lifelong learning, learning goals, ' +
    'language learning, tutoring, research, thesis, academic interests, extracurricular activities, school clubs, student loans, educational background, knowledge, skills acquisition',
  'Hobbies, Interests, and Lifestyle':
    'free time and interests: hobbies, pastimes, leisure activities, free time, interests, passions, sports, football, basketball, tennis, running, cycling, swimming, hiking, ' +
    'camping, fishing, outdoor adventures, travel, vacations, cooking, baking, gardening, painting, drawing, crafts, knitting, woodworking, photography, playing musical instruments, ' +
    'singing, dancing, creative writing, collecting, board games, puzzles, chess, gaming, volunteering, diy projects, fashion and style, cars, animals, dining out, wine tasting, ' +
    'yoga, martial arts, birdwatching, art, museums, concerts, enthusiast, favourite activities, playing sports, team sports, reading for pleasure, arts and crafts, ' +
    'creative projects, weekend activities, recreation',
  'Lifestyle and Daily Routine':
    'everyday life and habits: daily routine, daily schedule, morning routine, evening routine, bedtime, wake up time, sleep schedule, sleep habits, meals, breakfast, lunch, dinner, ' +
    'eating habits, cooking at home, grocery shopping, coffee, tea, alcohol consumption, smoking, drinking, exercise routine, workouts, gym, walking, commute, transportation, ' +
    'driving, public transit, household chores, cleaning, laundry, housing, home, apartment, living situation, time management, productivity, weekday, weekend, shopping habits, ' +
    'spending habits, budgeting, personal finance, saving money, self care, hygiene, grooming, clothing, pace of life, work life balance, organization, planning, errands, habits',
  'Core Values, Beliefs, and Philosophy':
    'values and beliefs: core values, personal values, beliefs, principles, morals, morality, ethics, integrity, honesty, fairness, justice, equality, freedom, responsibility, ' +
    'loyalty, respect, tradition, family values, religious beliefs, faith, spirituality, god, prayer, religion, atheism, life philosophy, meaning of life, purpose, worldview, ' +
    'political views, political ideology, social causes, environmentalism, sustainability, human rights, charity, altruism, personal growth, priorities, life goals, ' +
    'what matters most, guiding principles, motto, attitude toward money, definition of success, views on society, convictions, ideals',
  'Emotional and Relational Skills':
    'abilities with feelings and with people: empathy, active listening, communication skills, conflict resolution, handling disagreements, emotional intelligence, ' +
    'emotional regulation, managing emotions, recognizing emotions, expressing emotions, assertiveness, negotiation, teamwork, collaboration, building trust, giving feedback, ' +
    'taking criticism, showing affection, showing appreciation, comforting others, reading other people, reading social cues, building rapport, setting boundaries, saying no, ' +
    'asking for help, apologizing, forgiving, persuasion, social skills, interpersonal skills, people skills, maintaining relationships, making friends, cooperation, tact, ' +
    'diplomacy, supporting others emotionally, calming down when upset, relational skills',
  'Media Consumption and Engagement':
    'media and entertainment: media, television, tv shows, series, movies, films, documentaries, streaming services, netflix, youtube, music listening, favorite songs, artists, ' +
    'bands, music genres, radio, podcasts, audiobooks, books, novels, authors, reading habits, magazines, newspapers, news sources, news consumption, social media, instagram, ' +
    'facebook, twitter, tiktok, online forums, blogs, video games, gaming platforms, content creators, influencers, celebrities, entertainment preferences, screen time, ' +
    'media habits, subscriptions, comics, anime, theatre, websites, apps',
};
