// Text holding a NUL character (U+0000) is refused at the door: PostgreSQL can't store it in text (a 500 deep in a
// concept otherwise), and no caption, name, query or id needs one.
import { AppError } from '../errors/app-error';

/** Throws bad_request when any string in `value`, keys included and at any depth, holds U+0000. */
export function refuseNul(value: unknown, where: string): void {
  // A loop, not recursion: a JSON body may nest a hundred thousand levels deep.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw new AppError('bad_request', `${where}: text may not contain NUL characters (U+0000).`);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push(k, x);
    }
  }
}
