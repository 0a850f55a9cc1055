import { ok, type PublicApi, publicApi, type RecordingClient } from './api/client.js';
import type { operations } from './api/generated/public-api.js';

type TokenRequest = operations['issueDevToken']['requestBody']['content']['application/json'];
type Role = TokenRequest['roles'][number];

/**
 * One caller of the public API through the gateway, with a token from the gateway's development
 * endpoint, calling it only through the client generated from the public document. Every
 * response is kept (see `hasSeen`).
 */
export class Player {
  readonly #client: RecordingClient;
  /** The `Authorization` header value, for the raw requests of the bad-input sweep. */
  readonly token: string;

  private constructor(client: RecordingClient, accessToken: string) {
    this.#client = client;
    this.token = `Bearer ${accessToken}`;
  }

  static async signIn(
    gatewayUrl: string,
    subject: string,
    name: string,
    roles: Role[] = ['player'],
  ): Promise<Player> {
    const { api } = publicApi(gatewayUrl);
    const issued = ok(await api.POST('/api/v1/dev/token', { body: { sub: subject, roles, name } }));
    return new Player(publicApi(gatewayUrl, issued.accessToken), issued.accessToken);
  }

  get api(): PublicApi {
    return this.#client.api;
  }

  startGame(theme: string) {
    return this.api.POST('/api/v1/games', { body: { theme } });
  }

  question(id: string) {
    return this.api.GET('/api/v1/games/{id}/question', { params: { path: { id } } });
  }

  hint(id: string) {
    return this.api.POST('/api/v1/games/{id}/hint', { params: { path: { id } } });
  }

  answer(id: string, answer: string) {
    return this.api.POST('/api/v1/games/{id}/answers', { params: { path: { id } }, body: { answer } });
  }

  finish(id: string) {
    return this.api.POST('/api/v1/games/{id}/finish', { params: { path: { id } } });
  }

  /** Whether any response this caller ever received contains the text, ignoring case. */
  hasSeen(text: string): boolean {
    const needle = text.toLowerCase();
    return this.#client.exchanges.some((exchange) => exchange.text.toLowerCase().includes(needle));
  }
}
