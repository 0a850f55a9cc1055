/**
 * Zitadel's identifiers are 18-digit numbers in strings. New objects take the next number after
 * the seeded ones, so an identifier is never reused within a process.
 */
export class IdSequence {
  #next: bigint;

  constructor(first: bigint) {
    this.#next = first;
  }

  next(): string {
    const id = this.#next.toString();
    this.#next += 1n;
    return id;
  }
}
