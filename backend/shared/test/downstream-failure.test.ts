import { TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors/index.js';
import {
  callerErrorFor,
  DownstreamServerError,
  downstreamFailure,
} from '../src/http-client/downstream-failure.js';

const withCode = (code: string, extra: object = {}) => Object.assign(new Error('failed'), { code, ...extra });

describe("a failed call's part in the downstream's health", () => {
  it.each([
    ['a 503 answer', new DownstreamServerError(503), 'unavailable'],
    ['another 5xx answer', new DownstreamServerError(500), 'failed'],
    ['a cancelled try', new TaskCancelledError(), 'timeout'],
    ['no headers in time', withCode('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    ['no body in time', withCode('UND_ERR_BODY_TIMEOUT'), 'timeout'],
    ['no connection in time', withCode('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    ['a connection the other side closed', withCode('UND_ERR_SOCKET'), 'unreachable'],
    ['a refused connection', withCode('ECONNREFUSED', { syscall: 'connect' }), 'unreachable'],
    ['a 4xx answer', new AppError(404, 'NOT_FOUND', 'no such thing'), null],
    ['an error without a code', new Error('a bug'), null],
    ['an error of the calling side', withCode('ERR_INVALID_URL'), null],
    ['something thrown that is no error', 'boom', null],
  ])('%s is %s', (_case, error, failure) => {
    expect(downstreamFailure(error)).toBe(failure);
  });

  it('names a server error by its status', () => {
    expect(new DownstreamServerError(502)).toMatchObject({
      name: 'DownstreamServerError',
      message: 'answered 502',
    });
  });
});

describe('what the caller answers for a failed call', () => {
  const answerFor = (error: unknown) => callerErrorFor('stub-service', error, () => 7);

  it.each([
    [
      withCode('UND_ERR_SOCKET'),
      503,
      'UPSTREAM_UNAVAILABLE',
      'stub-service is unavailable, try again shortly',
    ],
    [new TaskCancelledError(), 504, 'UPSTREAM_TIMEOUT', 'stub-service did not answer in time'],
    [new DownstreamServerError(500), 502, 'UPSTREAM_FAILED', 'stub-service failed to answer the request'],
  ])('answers %s with %i %s, keeping it as the cause', (error, statusCode, code, message) => {
    const answer = answerFor(error);
    expect(answer).toBeInstanceOf(AppError);
    expect(answer).toMatchObject({ statusCode, code, message, cause: error });
  });

  it('says when to retry an unavailable downstream, and lets an error of the calling side through', () => {
    expect(answerFor(withCode('UND_ERR_SOCKET'))).toMatchObject({ headers: { 'retry-after': '7' } });
    const bug = new Error('a bug');
    expect(answerFor(bug)).toBe(bug);
  });
});
