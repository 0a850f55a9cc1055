import type { Clock } from '../utils/index.js';

/** A clock a test sets and moves by hand, for rules that depend on time (expiry, weeks, TTLs). */
export class ManualClock implements Clock {
  #now: Date;

  constructor(iso = '2026-11-24T12:00:00.000Z') {
    this.#now = new Date(iso);
  }

  now(): Date {
    return this.#now;
  }

  set(iso: string): void {
    this.#now = new Date(iso);
  }

  advanceSeconds(seconds: number): void {
    this.#now = new Date(this.#now.getTime() + seconds * 1000);
  }
}
