import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import type { RecordDto, RecordQuery } from '../../api/types';

const PAGE_SIZE = 50;

/**
 * One list of records with cursor paging. Any change of the query (filter, sort, search, deleted toggle)
 * starts over from the first page; "load more" appends the next. Answers to a superseded query are dropped.
 */
export function useRecordList(
  appKey: string,
  entityKey: string,
  query: Omit<RecordQuery, 'cursor' | 'limit'>,
) {
  const [items, setItems] = useState<RecordDto[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const queryKey = JSON.stringify(query);
  const latest = useRef(0);

  const fetchPage = useCallback(
    (cursor: string | null, append: boolean) => {
      const request = ++latest.current;
      setLoading(true);
      const parsed = JSON.parse(queryKey) as RecordQuery;
      api.listRecords(appKey, entityKey, { ...parsed, limit: PAGE_SIZE, cursor }).then(
        (page) => {
          if (request !== latest.current) return;
          setItems((previous) => (append ? [...previous, ...page.items] : page.items));
          setNextCursor(page.nextCursor);
          setError(undefined);
          setLoading(false);
        },
        (reason: unknown) => {
          if (request !== latest.current) return;
          setError(reason);
          setLoading(false);
        },
      );
    },
    [appKey, entityKey, queryKey],
  );

  useEffect(() => fetchPage(null, false), [fetchPage, generation]);

  return {
    items,
    nextCursor,
    loading,
    error,
    loadMore: () => nextCursor && fetchPage(nextCursor, true),
    reload: () => setGeneration((n) => n + 1),
    /** Shows a saved record in place without reloading the list. */
    replace: (record: RecordDto) =>
      setItems((previous) => previous.map((r) => (r.id === record.id ? record : r))),
  };
}
