import type { AppDefinition, FlowDefinition, FlowNode } from '@lowcode/app-model';
import { useEffect, useState } from 'react';
import { api } from '../../api';

// Labels of flows and nodes live in the app definitions; the inbox and the task page read them from here.
// One request per app per page visit, shared by every component that asks.
const pending = new Map<string, Promise<AppDefinition | undefined>>();

function definitionOf(key: string): Promise<AppDefinition | undefined> {
  let promise = pending.get(key);
  if (!promise) {
    promise = api.getApp(key).then(
      (app) => app.definition,
      () => undefined,
    );
    pending.set(key, promise);
    // Fresh on the next visit: a designer save in between must show.
    void promise.finally(() => setTimeout(() => pending.delete(key), 30_000));
  }
  return promise;
}

/** The definitions of the given apps, filled in as they arrive. */
export function useAppDefinitions(keys: readonly string[]): Map<string, AppDefinition> {
  const [apps, setApps] = useState<Map<string, AppDefinition>>(new Map());
  const wanted = [...new Set(keys)].sort().join('\n');
  useEffect(() => {
    let current = true;
    const list = wanted ? wanted.split('\n') : [];
    void Promise.all(list.map((key) => definitionOf(key).then((app) => [key, app] as const))).then(
      (pairs) => {
        if (!current) return;
        const next = new Map<string, AppDefinition>();
        for (const [key, app] of pairs) if (app) next.set(key, app);
        setApps(next);
      },
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  return apps;
}

export function flowOf(app: AppDefinition | undefined, flowKey: string | null): FlowDefinition | undefined {
  return flowKey ? app?.flows?.find((flow) => flow.key === flowKey) : undefined;
}

export function nodeOf(flow: FlowDefinition | undefined, nodeKey: string | null): FlowNode | undefined {
  return nodeKey ? flow?.nodes.find((node) => node.key === nodeKey) : undefined;
}
