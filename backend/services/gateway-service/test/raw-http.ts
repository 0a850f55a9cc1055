import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The gateway closed the connection after answering. */
  readonly closed: boolean;
}

function parse(text: string, closed: boolean): RawResponse | null {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(end + 4);
  const length = Number(headers['content-length'] ?? Number.NaN);
  if (!closed && !(body.length >= length)) return null;
  return { status: Number(statusLine.split(' ')[1]), headers, body, closed };
}

/**
 * Sends `head` (request line and headers, verbatim) and then `body` chunks as fast as the socket
 * takes them, stopping as soon as an answer arrives. Resolves with the answer once it is complete
 * and the connection is closed (or, for a keep-alive answer, once its body is in); rejects if no
 * answer arrives within `timeoutMs`: a hang.
 */
export function rawRequest(
  port: number,
  head: string,
  body: Iterable<string | Buffer> = [],
  timeoutMs = 5_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let answered = false;
    const finish = (closed: boolean) => {
      const response = parse(received, closed);
      if (response === null) return false;
      clearTimeout(timer);
      socket.destroy();
      resolve(response);
      return true;
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms; received: ${received.slice(0, 200)}`));
    }, timeoutMs);
    socket.on('data', (data) => {
      received += data.toString('latin1');
      answered = true;
      if (received.toLowerCase().includes('connection: close')) return;
      finish(false);
    });
    socket.on('close', () => {
      if (!finish(true)) {
        clearTimeout(timer);
        reject(new Error(`the connection closed without an answer; received: ${received.slice(0, 200)}`));
      }
    });
    socket.on('error', () => undefined);
    socket.on('connect', async () => {
      socket.write(head);
      for (const chunk of body) {
        if (answered || socket.destroyed) return;
        if (!socket.write(chunk)) await new Promise((drained) => socket.once('drain', drained));
      }
    });
  });
}

/** One chunk of a chunked body, framed. */
export const chunk = (data: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);

/** `count` chunks of `size` bytes, then the last chunk; lazily, so a large body costs no memory. */
export function* chunkedBody(count: number, size: number): Generator<Buffer> {
  const framed = chunk(Buffer.alloc(size, 'x'));
  for (let index = 0; index < count; index += 1) yield framed;
  yield Buffer.from('0\r\n\r\n');
}
