import type { Adapter, AdapterPayload } from 'oidc-provider';

/** Models whose records belong to a grant, so revoking the grant removes them. */
const GRANT_MEMBERS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);
/** Expired records are swept on every this-many writes: no timer keeps the process alive. */
const SWEEP_EVERY_WRITES = 256;

interface StoredRecord {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/**
 * oidc-provider's storage, in memory. One store outlives the provider instances built on it, so a
 * key rotation (which builds a new instance) keeps every session, grant and token.
 */
export class MemoryStore {
  readonly #records = new Map<string, StoredRecord>();
  readonly #sessionIdsByUid = new Map<string, string>();
  readonly #grantMembers = new Map<string, Set<string>>();
  #writes = 0;

  adapterFor(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        this.#set(key(id), payload, expiresIn);
        if (model === 'Session' && typeof payload.uid === 'string')
          this.#sessionIdsByUid.set(payload.uid, id);
        if (GRANT_MEMBERS.has(model) && typeof payload.grantId === 'string')
          this.#addGrantMember(payload.grantId, key(id));
      },
      find: async (id) => this.#get(key(id)),
      findByUid: async (uid) => {
        const id = this.#sessionIdsByUid.get(uid);
        return id === undefined ? undefined : this.#get(key(id));
      },
      findByUserCode: async () => undefined,
      consume: async (id) => {
        const payload = this.#get(key(id));
        if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#records.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const member of this.#grantMembers.get(grantId) ?? []) this.#records.delete(member);
        this.#grantMembers.delete(grantId);
      },
    };
  }

  #set(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const expiresAt = expiresIn === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresIn * 1000;
    this.#records.set(key, { payload, expiresAt });
    this.#writes += 1;
    if (this.#writes % SWEEP_EVERY_WRITES === 0) this.#sweep();
  }

  #get(key: string): AdapterPayload | undefined {
    const record = this.#records.get(key);
    if (record === undefined) return undefined;
    if (record.expiresAt <= Date.now()) {
      this.#records.delete(key);
      return undefined;
    }
    return record.payload;
  }

  #addGrantMember(grantId: string, key: string): void {
    const members = this.#grantMembers.get(grantId) ?? new Set<string>();
    members.add(key);
    this.#grantMembers.set(grantId, members);
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, record] of this.#records) {
      if (record.expiresAt <= now) this.#records.delete(key);
    }
    for (const [uid, id] of this.#sessionIdsByUid) {
      if (!this.#records.has(`Session:${id}`)) this.#sessionIdsByUid.delete(uid);
    }
    for (const [grantId, members] of this.#grantMembers) {
      for (const member of members) if (!this.#records.has(member)) members.delete(member);
      if (members.size === 0) this.#grantMembers.delete(grantId);
    }
  }
}
