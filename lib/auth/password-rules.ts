// The one password rule, shared by better-auth's options and Sieve's own user commands.

/** Passwords shorter than this are refused wherever a password is set. */
export const MIN_PASSWORD_LENGTH = 12;
