import type { RuleActionStatus } from '../../api/types';

export const STATUS_COLORS: Record<RuleActionStatus, string> = {
  done: 'success',
  queued: 'processing',
  skipped: 'default',
  failed: 'error',
};

/** A value the rule read or produced, as readable JSON (strings as they are). */
export function JsonBlock({ value }: { value: unknown }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre
      className="mono"
      style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}
    >
      {text ?? 'null'}
    </pre>
  );
}
