// How takedowns keep a URL that must never be written out (a hidden one, or any URL of a csam_report request or a
// csam_suspected block list): as 'sha256:' and the hex SHA-256 of its UTF-8 bytes, which still matches the pair.
import { createHash } from 'node:crypto';

export const DIGEST_PREFIX = 'sha256:';

export const urlDigest = (url: string): string => `${DIGEST_PREFIX}${createHash('sha256').update(url, 'utf8').digest('hex')}`;

export const isUrlDigest = (value: string | null): boolean => value !== null && value.startsWith(DIGEST_PREFIX);

/** The same digest computed in SQL from a URL column, for matching stored digests against pairs. */
export const sqlUrlDigest = (column: string): string => `'${DIGEST_PREFIX}' || encode(sha256(convert_to(${column}, 'UTF8')), 'hex')`;

/** What pages, answers and evidence show of a digest: enough to tell two apart, e.g. "sha256:ab12cd34ef56…". */
export const showUrlDigest = (value: string): string => `${value.slice(0, DIGEST_PREFIX.length + 12)}…`;
