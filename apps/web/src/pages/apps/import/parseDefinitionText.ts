// Runs before any request: a paste that is not JSON is reported in the browser, with where it broke.

export type ParsedDefinition =
  | { ok: true; definition: Record<string, unknown> }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'notObject' }
  | { ok: false; reason: 'syntax'; message: string; line?: number; column?: number };

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Engines word JSON errors differently; V8 gives "at position N" and sometimes "(line L column C)". */
function locate(message: string, text: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/i.exec(message);
  if (lineColumn?.[1] && lineColumn[2]) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/i.exec(message);
  if (position?.[1]) return lineColumnAt(text, Number(position[1]));
  return undefined;
}

export function parseDefinitionText(text: string): ParsedDefinition {
  // A BOM from a file saved on Windows is not a syntax error worth bothering anyone with.
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return { ok: false, reason: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'syntax', message, ...locate(message, source) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'notObject' };
  return { ok: true, definition: value as Record<string, unknown> };
}
