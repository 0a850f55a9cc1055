export { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN } from '../domain/display-name.js';

/** The most ids one lookup takes. */
export const USER_LOOKUP_MAX_IDS = 200;

/** A user id is the auth subject of the player's token. */
export const USER_ID_MAX_LENGTH = 128;
