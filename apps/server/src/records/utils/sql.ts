/** Quotes an identifier. Keys are already restricted by the app-model key pattern; this is the second lock. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL fragment with its positional parameters, numbered when the fragments are joined. */
export interface SqlParams {
  values: unknown[];
  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string;
}

export function sqlParams(initial: unknown[] = []): SqlParams {
  const values = [...initial];
  return {
    values,
    add(value: unknown) {
      values.push(value);
      return `$${values.length}`;
    },
  };
}
