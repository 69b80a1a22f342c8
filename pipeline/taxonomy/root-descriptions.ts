/**
 * One line per default root: what belongs there, followed by exemplar words. Written from
 * general knowledge of how people describe themselves (never from any reference taxonomy); the
 * root's vector is the embedding of this text, so phrases without an extractor hint land on the
 * root whose description they are nearest to.
 */
export const DEFAULT_ROOT_DESCRIPTIONS: Record<string, string> = {
  'Demographic Information':
    'basic facts about a person: age, gender, sex, birthday, nationality, ethnicity, race, citizenship, hometown, birthplace, place of residence, city, country, address, marital status, household, income, social class, language spoken, immigration status',
  'Physical and Health Characteristics':
    'the body and health: height, weight, appearance, hair, eyes, skin, fitness, disability, illness, disease, chronic condition, allergy, diet, dietary restriction, medication, sleep, pregnancy, injury, mental health diagnosis, vision, hearing',
  'Psychological and Cognitive Aspects':
    'the mind: personality traits, temperament, introversion, extraversion, intelligence, learning style, thinking style, memory, attention, creativity, curiosity, anxiety, confidence, self esteem, motivation, decision making, cognitive abilities, mood',
  'Cultural and Social Context':
    'culture and society: religion, ethnicity, cultural background, traditions, customs, heritage, community, social identity, political affiliation, social norms, festivals, cultural practices, generation, subculture',
  'Relationships and Social Networks':
    'people in a life: family, spouse, husband, wife, partner, boyfriend, girlfriend, children, son, daughter, parents, mother, father, siblings, brother, sister, grandparents, relatives, friends, neighbours, colleagues, dating, social circle, pets as companions',
  'Career and Work Identity':
    'work: occupation, job, profession, job title, employer, company, industry, workplace, work experience, career goals, business ownership, skills at work, remote work, work schedule, salary, retirement, unemployment, professional role',
  'Education and Learning':
    'education: school, college, university, degree, major, field of study, graduation, student, courses, teachers, academic performance, certifications, training, language learning, online learning, study habits, educational background',
  'Hobbies, Interests, and Lifestyle':
    'leisure and interests: hobbies, sports, games, music playing, art, crafts, cooking, gardening, travel, outdoor activities, hiking, reading for fun, collecting, photography, fashion, pet ownership, favourite activities, passions',
  'Lifestyle and Daily Routine':
    'everyday life: daily routine, morning and evening habits, schedule, commute, transportation, housing, home, chores, shopping habits, eating habits, meals, coffee, alcohol, smoking, exercise routine, sleep schedule, budgeting, living situation',
  'Core Values, Beliefs, and Philosophy':
    'values and beliefs: faith, religious belief, spirituality, morals, ethics, principles, life philosophy, political views, environmental values, sustainability, priorities, worldview, causes, volunteering, what matters most',
  'Emotional and Relational Skills':
    'emotional life and interpersonal skills: empathy, communication style, conflict resolution, emotional intelligence, expressing feelings, coping with stress, patience, trust, listening, kindness, social skills, emotional regulation, attachment',
  'Media Consumption and Engagement':
    'media: television shows, movies, films, series, streaming, books read, music listened to, podcasts, news sources, social media, video games played, youtube, favourite genres, authors, artists, bands, media habits, screen time',
};
