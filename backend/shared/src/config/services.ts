/** The seven services and their default ports: the platform's map, in one place. */
export const SERVICE_PORTS = {
  gateway: 3000,
  game: 3001,
  question: 3002,
  user: 3003,
  leaderboard: 3004,
  session: 3005,
  admin: 3006,
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;

export const SERVICE_NAMES = Object.keys(SERVICE_PORTS) as readonly ServiceName[];

/** `game` → `GAME_SERVICE`, the prefix of that service's variables (`GAME_SERVICE_PORT`, `GAME_SERVICE_URL`). */
export function serviceEnvPrefix(service: ServiceName): string {
  return `${service.toUpperCase()}_SERVICE`;
}
