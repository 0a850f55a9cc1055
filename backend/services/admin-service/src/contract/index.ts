/**
 * admin-service's contract: its error codes. No service calls it (only the gateway, unchanged), so
 * its route schemas stay with its routes. Nothing here does I/O or pulls in Fastify.
 */

export { AdminErrorCode } from './error-codes.js';
