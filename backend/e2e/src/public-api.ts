import { ApiClient, type ApiResponse } from './http.js';

/** Response shapes of the public API, as its contracts describe them. */
export interface Game {
  id: string;
  status: 'active' | 'finished' | 'expired' | 'exhausted';
  theme: string | null;
  difficulty: string | null;
  score: number;
  questionsAnswered: number;
  endReason: string | null;
}

export interface ServedQuestion {
  questionId: string;
  questionNumber: number;
  theme: string;
  kind: 'free_text' | 'true_false';
  text: string;
  attemptsLeft: number;
  hintAvailable: boolean;
  hintShown: boolean;
}

export interface AnswerResult {
  correct: boolean;
  verdict: { reason: string; explanation: string };
  attemptsLeft: number;
  pointsAwarded: number;
  score: number;
  settled: boolean;
  correctAnswer: string | null;
}

export interface LeaderboardPage {
  period: string;
  entries: { rank: number; userId: string; displayName: string | null; score: number }[];
}

export interface OwnRank {
  rank: number | null;
  score: number | null;
  totalPlayers: number;
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
}

/**
 * One caller of the public API through the gateway, with the token the gateway's development
 * endpoint issued. Every response is recorded (see `ApiClient.exchanges`).
 */
export class Player {
  readonly api: ApiClient;
  readonly token: string;

  private constructor(api: ApiClient, token: string) {
    this.api = api;
    this.token = token;
  }

  static async signIn(
    gatewayUrl: string,
    subject: string,
    name: string,
    roles = ['player'],
  ): Promise<Player> {
    const api = new ApiClient(gatewayUrl);
    const issued = await api.post<{ accessToken: string }>('/api/v1/dev/token', {
      body: { sub: subject, roles, name },
    });
    if (issued.status !== 201)
      throw new Error(`no dev token for ${subject}: ${issued.status} ${issued.text}`);
    return new Player(api, `Bearer ${issued.body.accessToken}`);
  }

  get<Body>(path: string): Promise<ApiResponse<Body>> {
    return this.api.get<Body>(path, { token: this.token });
  }

  post<Body>(path: string, body?: unknown): Promise<ApiResponse<Body>> {
    return this.api.post<Body>(path, { token: this.token, body });
  }

  startGame(theme: string) {
    return this.post<Game>('/api/v1/games', { theme });
  }

  question(gameId: string) {
    return this.get<ServedQuestion>(`/api/v1/games/${gameId}/question`);
  }

  hint(gameId: string) {
    return this.post<{ hint: string }>(`/api/v1/games/${gameId}/hint`);
  }

  answer(gameId: string, answer: string) {
    return this.post<AnswerResult>(`/api/v1/games/${gameId}/answers`, { answer });
  }

  finish(gameId: string) {
    return this.post<Game>(`/api/v1/games/${gameId}/finish`);
  }

  /** Whether any response this caller ever received contains the text, ignoring case. */
  hasSeen(text: string): boolean {
    const needle = text.toLowerCase();
    return this.api.exchanges.some((exchange) => exchange.text.toLowerCase().includes(needle));
  }
}
