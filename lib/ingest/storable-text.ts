// Text as PostgreSQL can store it: its text and jsonb types refuse the NUL character, which scraped captions and
// metadata do hold now and then. One such byte must not fail a whole shard, nor vanish without a trace: it becomes
// U+FFFD, the character that already stands for every byte that was not UTF-8.
const NUL = /\u0000/g;

export const storableText = (s: string): string => (s.includes('\u0000') ? s.replace(NUL, '\uFFFD') : s);
