import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as a collector received it, flattened out of its resource and scope. */
export interface ReceivedSpan {
  /** The `service.name` of the process that sent it. */
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for the root of a trace. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP's numbering: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

export const SPAN_KIND_SERVER = 2;
export const SPAN_KIND_CLIENT = 3;

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** `intValue` comes as a string when it may not fit a double (OTLP/JSON's int64). */
function attributeValue(value: unknown): string | number | boolean | undefined {
  if (!isObject(value)) return undefined;
  const { stringValue, intValue, doubleValue, boolValue } = value;
  if (typeof stringValue === 'string') return stringValue;
  if (typeof boolValue === 'boolean') return boolValue;
  if (typeof doubleValue === 'number') return doubleValue;
  if (typeof intValue === 'number') return intValue;
  return typeof intValue === 'string' ? Number(intValue) : undefined;
}

function attributesOf(value: unknown): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const { key, value: wrapped } of objects(value)) {
    const read = attributeValue(wrapped);
    if (typeof key === 'string' && read !== undefined) attributes[key] = read;
  }
  return attributes;
}

/** The spans of one OTLP/JSON export request (`ExportTraceServiceRequest`). */
export function spansOfExport(body: unknown): ReceivedSpan[] {
  if (!isObject(body)) throw new Error('an OTLP export request is a JSON object');
  return objects(body.resourceSpans).flatMap((resourceSpans) => {
    const resource = isObject(resourceSpans.resource) ? attributesOf(resourceSpans.resource.attributes) : {};
    const service = String(resource['service.name'] ?? '');
    return objects(resourceSpans.scopeSpans).flatMap((scopeSpans) =>
      objects(scopeSpans.spans).map((span) => ({
        service,
        traceId: text(span.traceId),
        spanId: text(span.spanId),
        parentSpanId: text(span.parentSpanId),
        name: text(span.name),
        kind: typeof span.kind === 'number' ? span.kind : 0,
        attributes: attributesOf(span.attributes),
      })),
    );
  });
}

/**
 * A collector for tests: OTLP over HTTP with JSON bodies (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`)
 * on a free loopback port, keeping every span it is sent in memory. Point a process at it with
 * `OTEL_EXPORTER_OTLP_ENDPOINT=<url>`: the exporter posts to `<url>/v1/traces`.
 */
export class OtlpReceiver {
  readonly #server: Server;
  readonly #spans: ReceivedSpan[] = [];
  #url = '';

  private constructor() {
    this.#server = createServer((request, response) => this.#receive(request, response));
  }

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await new Promise<void>((resolve) => receiver.#server.listen(0, '127.0.0.1', resolve));
    receiver.#url = `http://127.0.0.1:${(receiver.#server.address() as AddressInfo).port}`;
    return receiver;
  }

  get url(): string {
    return this.#url;
  }

  get spans(): readonly ReceivedSpan[] {
    return this.#spans;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk));
    const json = request.headers['content-type']?.includes('application/json') === true;
    if (request.method !== 'POST' || request.url !== '/v1/traces' || !json) {
      response.writeHead(404).end();
      return;
    }
    try {
      this.#spans.push(...spansOfExport(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }
}
