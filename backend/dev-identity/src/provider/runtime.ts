import type { RequestListener } from 'node:http';
import type Provider from 'oidc-provider';
import { buildProvider, type ProviderSettings } from './configuration.js';
import type { SigningKeyRing } from './signing-keys.js';

/**
 * The running oidc-provider instance. oidc-provider reads its keys once, when built; a rotation
 * builds a new instance on the same storage and cookie keys, so sessions, grants and tokens carry on
 * and the server never stops listening.
 */
export class ProviderRuntime {
  readonly #settings: ProviderSettings;
  readonly #keys: SigningKeyRing;
  readonly #onError: (error: unknown) => void;
  #provider: Provider;
  #listener: RequestListener;

  constructor(settings: ProviderSettings, keys: SigningKeyRing, onError: (error: unknown) => void) {
    this.#settings = settings;
    this.#keys = keys;
    this.#onError = onError;
    this.#provider = this.#build();
    this.#listener = this.#provider.callback();
  }

  get provider(): Provider {
    return this.#provider;
  }

  get listener(): RequestListener {
    return this.#listener;
  }

  /** Rotates the keys and serves with a provider that signs with the new current key; its kid is returned. */
  async rotateSigningKey(): Promise<string> {
    await this.#keys.rotate();
    this.#provider = this.#build();
    this.#listener = this.#provider.callback();
    return this.#keys.currentKeyId;
  }

  #build(): Provider {
    const provider = buildProvider(this.#settings, this.#keys.privateKeySet());
    provider.on('server_error', (_ctx, error) => this.#onError(error));
    return provider;
  }
}
