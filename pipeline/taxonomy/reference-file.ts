/** The DeepPersona reference taxonomy inside its folder (3,441 nodes, 2,297 leaves); a module of its own so `--help` can name it cheaply. */
export const REFERENCE_TAXONOMY_FILE = 'generation_user_profile_new/data/large_attributes.json';
