// Collects bound parameters while a query is assembled from parts, so values never enter SQL text.
export class SqlParams {
  constructor(readonly values: unknown[] = []) {}

  /** Binds a value and returns its placeholder ($1, $2, …). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A copy to extend: shared clauses (filters) bound once, each query adding its own values after them. */
  clone(): SqlParams {
    return new SqlParams([...this.values]);
  }
}
