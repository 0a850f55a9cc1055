import type { BusDriver } from 'bentocache/types';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { RedisClient, RedisConnection } from '../redis/index.js';
import { sleep } from '../utils/index.js';
import type { CacheErrorOperation } from './cache-metrics.js';

/**
 * What bentocache publishes (its CacheBusMessage) for the platform's caches: the keys a cache wrote
 * (`set`, a tag invalidation included) or found invalidated by a tag (`expire`). Its other kinds,
 * `delete` and `clear`, come from calls the platform never makes, so they are refused like any
 * message that is not the platform's.
 */
const BusPayload = Type.Object({
  keys: Type.Array(Type.String()),
  type: Type.Union([Type.Literal('set'), Type.Literal('expire')]),
  namespace: Type.Optional(Type.String()),
});
type BusPayload = Static<typeof BusPayload>;

const BusMessage = Compile(Type.Object({ busId: Type.String(), payload: BusPayload }));

/** What the bus interface lets travel: JSON values. */
type Serializable = Parameters<BusDriver['publish']>[1];
type Handler = (payload: BusPayload) => void | Promise<void>;

export interface RedisBusOptions {
  /** Put before every channel name: PUBLISH and SUBSCRIBE take channels, which the key prefix does not reach. */
  readonly channelPrefix: string;
  /** How long to wait before trying SUBSCRIBE again while Redis does not answer. */
  readonly resubscribeDelayMs: number;
  readonly onError: (operation: CacheErrorOperation) => void;
}

/**
 * bentocache's bus over the process's `RedisClient`: PUBLISH on the shared command connection
 * (breaker and metrics included), SUBSCRIBE on the process's one subscriber connection, which
 * other parts of the process may share (messages on other channels are left alone). A publish
 * that fails throws, and bentocache's bus retries it later; a subscription that fails is retried
 * until it holds, and ioredis renews it after every reconnect. `onReconnect` callbacks run whenever
 * the subscription comes back after Redis was out of reach: whatever was published meanwhile was lost.
 */
export class RedisBus implements BusDriver {
  readonly #redis: RedisClient;
  readonly #options: RedisBusOptions;
  readonly #handlers = new Map<string, Handler>();
  // Stryker disable next-line ArrayDeclaration: Promise.all passes over a starting value that is not a promise, so it changes nothing subscribed() waits for
  readonly #subscriptions: Promise<void>[] = [];
  readonly #reconnectCallbacks: (() => void)[] = [];
  #id: string | undefined;
  #subscriber: RedisConnection | undefined;
  #closed = false;

  constructor(redis: RedisClient, options: RedisBusOptions) {
    this.#redis = redis;
    this.#options = options;
  }

  setId(id: string): this {
    this.#id = id;
    return this;
  }

  onReconnect(callback: () => void): void {
    this.#reconnectCallbacks.push(callback);
  }

  async publish(channel: string, message: Serializable): Promise<void> {
    const encoded = JSON.stringify({ busId: this.#id, payload: message });
    try {
      await this.#redis.run('cache-bus:publish', (connection) =>
        connection.publish(this.#channel(channel), encoded),
      );
    } catch (error) {
      this.#options.onError('bus-publish');
      throw error;
    }
  }

  /** Resolves at once: bentocache does not wait for it, and Redis may be down at start. */
  async subscribe<T extends Serializable>(
    channel: string,
    handler: (payload: T) => void | Promise<void>,
  ): Promise<void> {
    // The interface leaves the payload's type to the subscriber; bentocache's bus subscribes for
    // the CacheBusMessage it publishes, which is exactly what #onMessage lets through.
    this.#handlers.set(this.#channel(channel), (payload) => handler(payload as T));
    this.#subscriptions.push(this.#keepSubscribing(this.#channel(channel)));
  }

  async unsubscribe(channel: string): Promise<void> {
    this.#handlers.delete(this.#channel(channel));
    await this.#subscriber?.unsubscribe(this.#channel(channel));
  }

  /** Resolves once every channel asked for is subscribed (or the bus closed). */
  async subscribed(): Promise<void> {
    await Promise.all(this.#subscriptions);
  }

  /** Leaves the channels; the subscriber connection belongs to the process, which closes it. */
  async disconnect(): Promise<void> {
    this.#closed = true;
    const channels = [...this.#handlers.keys()];
    this.#handlers.clear();
    const subscriber = this.#subscriber;
    if (subscriber === undefined) return;
    subscriber.off('messageBuffer', this.#onMessage);
    subscriber.off('ready', this.#onReady);
    if (channels.length > 0 && subscriber.status === 'ready') await subscriber.unsubscribe(...channels);
  }

  #channel(channel: string): string {
    return `${this.#options.channelPrefix}${channel}`;
  }

  async #keepSubscribing(channel: string): Promise<void> {
    while (!this.#closed) {
      try {
        const subscriber = await this.#attach();
        await subscriber.subscribe(channel);
        return;
      } catch {
        this.#options.onError('bus-subscribe');
        await sleep(this.#options.resubscribeDelayMs);
      }
    }
  }

  /** The process's one subscriber connection, with this bus's listeners on it once. */
  async #attach(): Promise<RedisConnection> {
    const subscriber = await this.#redis.subscriber();
    if (this.#subscriber === undefined) {
      this.#subscriber = subscriber;
      subscriber.on('messageBuffer', this.#onMessage);
      subscriber.on('ready', this.#onReady);
    }
    return subscriber;
  }

  /**
   * A connection that is ready when the bus attaches emits no 'ready'; every one after that ends a
   * time out of reach of Redis (a drop, or a start while Redis was down), when messages went unheard.
   */
  readonly #onReady = () => {
    for (const callback of this.#reconnectCallbacks) callback();
  };

  readonly #onMessage = (channel: Buffer, message: Buffer) => {
    const handler = this.#handlers.get(channel.toString());
    if (handler === undefined) return;
    let decoded: unknown;
    try {
      decoded = JSON.parse(message.toString());
    } catch {
      // Not JSON: left undefined, which the check below refuses.
    }
    if (!BusMessage.Check(decoded)) {
      this.#options.onError('invalid-bus-message');
      return;
    }
    // Redis hands a publisher its own messages too; its cache has already applied the change.
    if (decoded.busId === this.#id) return;
    void handler(decoded.payload);
  };
}
