/** The faults the schedule injects; each is undone (or over) by its end. */
export type FaultKind = 'kill-service' | 'redis-cut' | 'identity-stop' | 'key-rotation' | 'postgres-cut';

export interface PlannedFault {
  readonly kind: FaultKind;
  /** Seconds from the start of the load. */
  readonly atSeconds: number;
  /** 0 for a fault that is a single act (a SIGKILL, a key rotation): it ends when it is done. */
  readonly durationSeconds: number;
}

export interface Profile {
  readonly name: ProfileName;
  readonly totalSeconds: number;
  readonly rate: number;
  readonly players: number;
  /**
   * Sessions renew their access token when under a minute of it is left: at 75 s each renews every
   * 15 s or so, so every session tries during the provider's outage and after the key rotation.
   */
  readonly accessTokenTtlSeconds: number;
  readonly faults: readonly PlannedFault[];
}

export const PROFILE_NAMES = ['full', 'ci'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** How long after a fault's end every request should succeed again. */
export const RECOVERY_GOAL_SECONDS: Readonly<Record<FaultKind, number>> = {
  'kill-service': 5,
  'redis-cut': 5,
  'identity-stop': 10,
  'key-rotation': 5,
  'postgres-cut': 5,
};

export const FAULT_DESCRIPTIONS: Readonly<Record<FaultKind, string>> = {
  'kill-service': 'SIGKILL of a service (the launcher restarts it)',
  'redis-cut': 'Redis connections cut, new ones refused',
  'identity-stop': 'identity provider unreachable (its relay cut), then back with its state',
  'key-rotation': "rotation of the identity provider's signing key",
  'postgres-cut': 'PostgreSQL connections cut, new ones refused',
};

/**
 * Faults 30 to 40 s apart: each one's recovery window (its end plus the goal) closes well before
 * the next starts, so an error is attributed to one fault only. The first comes after 20 s of
 * steady load, the last is followed by 30 s of it.
 */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  full: {
    name: 'full',
    totalSeconds: 200,
    rate: 40,
    players: 40,
    accessTokenTtlSeconds: 75,
    faults: [
      { kind: 'kill-service', atSeconds: 20, durationSeconds: 0 },
      { kind: 'redis-cut', atSeconds: 50, durationSeconds: 5 },
      { kind: 'identity-stop', atSeconds: 85, durationSeconds: 10 },
      { kind: 'key-rotation', atSeconds: 130, durationSeconds: 0 },
      { kind: 'postgres-cut', atSeconds: 160, durationSeconds: 5 },
    ],
  },
  ci: {
    name: 'ci',
    totalSeconds: 50,
    rate: 30,
    players: 16,
    accessTokenTtlSeconds: 3600,
    faults: [
      { kind: 'kill-service', atSeconds: 10, durationSeconds: 0 },
      { kind: 'redis-cut', atSeconds: 28, durationSeconds: 4 },
    ],
  },
};
