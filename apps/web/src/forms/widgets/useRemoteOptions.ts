import { useCallback, useEffect, useRef, useState } from 'react';

export interface RemoteOption {
  value: string;
  label: string;
}

const DEBOUNCE_MS = 250;

/**
 * Options fetched from the server as the user types (debounced); the first load happens when the dropdown is
 * first opened. An answer to an older query never replaces a newer one.
 */
export function useRemoteOptions(search: (q: string) => Promise<RemoteOption[]>) {
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [loading, setLoading] = useState(false);
  const latestQuery = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const run = useCallback(
    (q: string) => {
      const query = ++latestQuery.current;
      setLoading(true);
      search(q)
        .then(
          (found) => {
            if (query === latestQuery.current) setOptions(found);
          },
          () => {
            if (query === latestQuery.current) setOptions([]);
          },
        )
        .finally(() => {
          if (query === latestQuery.current) setLoading(false);
        });
    },
    [search],
  );
  const onSearch = useCallback(
    (q: string) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => run(q), DEBOUNCE_MS);
    },
    [run],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return { options, loading, onSearch, loadFirst: () => run('') };
}

/** Options for the current value(s) that the last search did not return, labelled from the record's display. */
export function withCurrentLabels(
  options: RemoteOption[],
  ids: string[],
  labels: string | string[] | undefined,
): RemoteOption[] {
  const labelList = Array.isArray(labels) ? labels : labels !== undefined ? [labels] : [];
  const known = new Set(options.map((option) => option.value));
  const missing = ids
    .filter((id) => !known.has(id))
    .map((id) => ({ value: id, label: labelList[ids.indexOf(id)] ?? id }));
  return [...missing, ...options];
}
