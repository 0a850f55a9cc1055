export { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN } from '../domain/display-name.js';

/** The most ids one lookup takes. */
export const USER_LOOKUP_MAX_IDS = 200;

/** A user id is the auth subject of the player's token. */
export const USER_ID_MAX_LENGTH = 128;

/**
 * user-service owns display names: a caller that keeps one (to name players without asking on
 * every request) shows it for at most this long after reading it, so a rename reaches every
 * screen within this bound.
 */
export const DISPLAY_NAME_MAX_CACHE_SECONDS = 300;
