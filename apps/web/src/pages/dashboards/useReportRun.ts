import type { ReportDefinition } from '@lowcode/app-model';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import type { ReportRunRequest, ReportRunResult } from '../../api/reportTypes';

export type RunTarget = { kind: 'saved'; report: string } | { kind: 'preview'; report: ReportDefinition };

export interface ReportRunState {
  result?: ReportRunResult;
  /** The definition the result belongs to (a preview's or a date drill's, which differ from the saved one). */
  ranWith?: RunTarget;
  error?: unknown;
  loading: boolean;
}

export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Runs a saved report or a definition whenever what it would send changes, or `refresh` ticks, after
 * `delay` ms of quiet (the designer types; a dashboard does not wait). The last result stays on screen
 * while the next one loads; an answer to a superseded request is dropped.
 */
export function useReportRun(
  appKey: string,
  target: RunTarget | undefined,
  request: ReportRunRequest,
  refresh = 0,
  delay = 0,
): ReportRunState {
  const [state, setState] = useState<ReportRunState>({ loading: !!target });
  const generation = useRef(0);
  const body = JSON.stringify({ target, request });

  useEffect(() => {
    if (!target) {
      setState({ loading: false });
      return;
    }
    const run = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    const timer = setTimeout(() => {
      const call =
        target.kind === 'saved'
          ? api.runReport(appKey, target.report, request)
          : api.previewReport(appKey, { ...request, report: target.report });
      call.then(
        (result) => {
          if (run === generation.current) setState({ result, ranWith: target, loading: false });
        },
        (error: unknown) => {
          if (run === generation.current) setState({ error, ranWith: target, loading: false });
        },
      );
    }, delay);
    return () => clearTimeout(timer);
    // `body` stands for target and request: a new object with the same content does not rerun.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [appKey, body, refresh, delay]);

  return state;
}
