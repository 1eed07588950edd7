/** Quotes an identifier; every table alias, column and output name in the SQL goes through here. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Positional parameters; numbering starts after the ones the host's scope fragments already use. */
export class ParamList {
  readonly values: unknown[];

  constructor(initial: readonly unknown[] = []) {
    this.values = [...initial];
  }

  /** Adds a value and returns its placeholder with an explicit cast, e.g. `$3::numeric`. */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}
