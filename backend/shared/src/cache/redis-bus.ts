import type { BusDriver } from 'bentocache/types';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { RedisClient, RedisConnection } from '../redis/index.js';
import { sleep } from '../utils/index.js';
import type { CacheErrorOperation } from './cache-metrics.js';

/** What bentocache publishes (its CacheBusMessage): the keys a cache changed, and how. */
const BusPayload = Type.Object({
  keys: Type.Array(Type.String()),
  type: Type.Union([
    Type.Literal('set'),
    Type.Literal('clear'),
    Type.Literal('delete'),
    Type.Literal('expire'),
  ]),
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
  /** The subscription came back after a drop: messages sent meanwhile were lost. */
  readonly onReconnect: () => void;
}

/**
 * bentocache's bus over the process's `RedisClient`: PUBLISH on the shared command connection
 * (breaker and metrics included), SUBSCRIBE on the process's one subscriber connection, which
 * other parts of the process may share (messages on other channels are left alone). A publish
 * that fails throws, and bentocache's bus retries it later; a subscription that fails is retried
 * until it holds, and ioredis renews it after every reconnect.
 */
export class RedisBus implements BusDriver {
  readonly #redis: RedisClient;
  readonly #options: RedisBusOptions;
  readonly #handlers = new Map<string, Handler>();
  readonly #subscriptions: Promise<void>[] = [];
  readonly #reconnectCallbacks: (() => void)[] = [];
  #id: string | undefined;
  #subscriber: RedisConnection | undefined;
  #dropped = false;
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
    subscriber.off('close', this.#onClose);
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

  async #attach(): Promise<RedisConnection> {
    if (this.#subscriber !== undefined) return this.#subscriber;
    const subscriber = await this.#redis.subscriber();
    if (this.#subscriber === undefined) {
      this.#subscriber = subscriber;
      subscriber.on('messageBuffer', this.#onMessage);
      subscriber.on('close', this.#onClose);
      subscriber.on('ready', this.#onReady);
    }
    return subscriber;
  }

  readonly #onClose = () => {
    this.#dropped = true;
  };

  readonly #onReady = () => {
    if (!this.#dropped) return;
    this.#dropped = false;
    for (const callback of this.#reconnectCallbacks) callback();
  };

  readonly #onMessage = (channel: Buffer, message: Buffer) => {
    const handler = this.#handlers.get(channel.toString());
    if (handler === undefined) return;
    let decoded: unknown;
    try {
      decoded = JSON.parse(message.toString());
    } catch {
      decoded = undefined;
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
