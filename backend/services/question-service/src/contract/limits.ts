import { MAX_ALTERNATIVES } from '../domain/alternatives.js';
import { LIMITS } from '../domain/question-rules.js';

export { LIMITS, MAX_ALTERNATIVES };

const MIB = 1024 * 1024;

/** The largest question file an import takes, in bytes as uploaded (the data set's largest is about 1 MiB). */
export const IMPORT_FILE_LIMIT_BYTES = 8 * MIB;

/** Base64 writes every 3 bytes, and a shorter last group, as 4 characters. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** What travels beside the file in an import request: its name (255 characters, even escaped), format, mode. */
const IMPORT_ENVELOPE_BYTES = 4 * 1024;

/**
 * The largest body of the public import route (admin-service's, behind the gateway): the file and
 * its envelope (a multipart form's boundaries, part headers and fields). The gateway and
 * admin-service both refuse a larger one with 413; within it, admin-service holds the file itself
 * to IMPORT_FILE_LIMIT_BYTES. One number for both, so that no body passes the first to be cut off
 * by the second mid-upload (which the client would see as the service failing, not a 413).
 */
export const IMPORT_UPLOAD_LIMIT_BYTES = IMPORT_FILE_LIMIT_BYTES + IMPORT_ENVELOPE_BYTES;

/**
 * question-service's body limit on its import routes: the largest file base64-encoded (which is
 * how admin-service forwards an upload) in its JSON envelope. A text import is smaller still.
 */
export const IMPORT_REQUEST_LIMIT_BYTES = base64Length(IMPORT_FILE_LIMIT_BYTES) + IMPORT_ENVELOPE_BYTES;
