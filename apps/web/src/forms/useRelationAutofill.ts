import {
  isEmptyValue,
  type AppDefinition,
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
} from '@lowcode/app-model';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { RecordDto } from '../api/types';
import { titleOfRecord } from '../fields/recordTitle';
import { sameValue } from './formValues';
import type { RecordForm } from './useRecordForm';

type SingleRelation = Extract<FieldDefinition, { type: 'relation' }>;

const singleRelations = (entity: EntityDefinition | undefined): SingleRelation[] =>
  (entity?.fields ?? []).filter(
    (field): field is SingleRelation => field.type === 'relation' && !field.relation.multiple,
  );

/**
 * The empty relations of `entity` that a chosen record of `target` names itself — a room names its project
 * and building — with the ids and titles it gives them.
 */
export function relationsNamedBy(
  entity: EntityDefinition,
  app: AppDefinition,
  chosen: { field: string; record: RecordDto },
  isEmpty: (key: string) => boolean,
): { key: string; id: string; title: string }[] {
  const from = singleRelations(entity).find((field) => field.key === chosen.field);
  const target = app.entities.find((candidate) => candidate.key === from?.relation.entity);
  return singleRelations(entity).flatMap((field) => {
    if (field.key === chosen.field || !isEmpty(field.key)) return [];
    const link = singleRelations(target).find((other) => other.relation.entity === field.relation.entity);
    const id = link ? chosen.record.values[link.key] : undefined;
    if (typeof id !== 'string' || !id) return [];
    const title = chosen.record.display[link!.key];
    return [{ key: field.key, id, title: typeof title === 'string' ? title : id }];
  });
}

/**
 * The values a chosen record gives the fields its relation's `fill` names (a payment's amount, from the
 * picked bill's outstanding amount): of the fields `fillable` allows, those the record has a value for,
 * with the title the record shows for a relation or person it copies.
 */
export function valuesFilledBy(
  entity: EntityDefinition,
  chosen: { field: string; record: RecordDto },
  fillable: (key: string) => boolean,
): { key: string; value: unknown; title?: string }[] {
  const from = singleRelations(entity).find((field) => field.key === chosen.field);
  return Object.entries(from?.relation.fill ?? {}).flatMap(([key, source]) => {
    const value = chosen.record.values[source];
    if (isEmptyValue(value) || !fillable(key)) return [];
    const title = chosen.record.display[source];
    return [{ key, value, ...(typeof title === 'string' ? { title } : {}) }];
  });
}

/** What the form shows of the lookups through one relation, before the server computes them on save. */
export interface LookupPreview {
  values: Record<string, unknown>;
  display: Record<string, string | string[]>;
}

/**
 * The lookups of `entity` that read through the chosen relation (a payment's 费项 and 账期, through its
 * bill), as the chosen record holds them — or empty, with no record chosen.
 */
export function lookupsThrough(
  entity: EntityDefinition,
  chosen: { field: string; record: RecordDto | null },
): LookupPreview {
  const preview: LookupPreview = { values: {}, display: {} };
  for (const field of entity.fields) {
    if (field.type !== 'lookup' || field.lookup.relation !== chosen.field) continue;
    preview.values[field.key] = chosen.record?.values[field.lookup.field] ?? null;
    const title = chosen.record?.display[field.lookup.field];
    if (title !== undefined) preview.display[field.key] = title;
  }
  return preview;
}

/**
 * A new record's relations fill themselves where there is nothing to choose. A relation whose target the
 * user's roles narrow to one record starts with it (a tenant's own room and profile), and a record chosen
 * in a relation fills the empty relations it names itself (the room's project), and the fields its `fill`
 * copies from it — into an empty field, or one still holding what an earlier pick copied, so picking another
 * bill changes the amount the first one gave but not one the user typed. Answers the titles of what it
 * filled, for the form to show.
 */
export function useRelationAutofill(options: {
  appKey: string;
  app: AppDefinition;
  entity: EntityDefinition;
  form: RecordForm;
  locale: Locale;
  /** Fields the form does not show: left to their defaults. */
  hidden: readonly string[];
  /** Whether to fill (a new record); an existing one only previews the lookups of relations changed. */
  enabled: boolean;
}): { titles: Record<string, string>; lookups: LookupPreview } {
  const { appKey, app, entity, form, locale, hidden, enabled } = options;
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [lookups, setLookups] = useState<LookupPreview>({ values: {}, display: {} });
  // The latest form, read by the effects after their awaits.
  const latest = useRef(form);
  latest.current = form;
  const seen = useRef<Record<string, unknown>>({});
  // The relation values whose lookups the form shows: an existing record's own came with it from the server.
  const previewed = useRef<Record<string, unknown>>(enabled ? {} : { ...form.values });
  // What `fill` last copied into each field: still that value means the user has not made it theirs.
  const copied = useRef<Record<string, unknown>>({});

  const fill = (chosen: { field: string; record: RecordDto }) => {
    const named = relationsNamedBy(entity, app, chosen, (key) => isEmptyValue(latest.current.values[key]));
    const shown = named.filter((entry) => !hidden.includes(entry.key));
    for (const entry of shown) {
      latest.current.setValue(entry.key, entry.id);
      seen.current[entry.key] = entry.id;
    }
    const copies = valuesFilledBy(entity, chosen, (key) => {
      const current = latest.current.values[key];
      return !hidden.includes(key) && (isEmptyValue(current) || sameValue(current, copied.current[key]));
    });
    for (const copy of copies) {
      latest.current.setValue(copy.key, copy.value);
      copied.current[copy.key] = copy.value;
      // A relation it copies is the form's own doing, like the ones named above: no pick of the user's.
      if (typeof copy.value === 'string') seen.current[copy.key] = copy.value;
    }
    const titled = [
      ...shown.map((entry) => [entry.key, entry.title] as const),
      ...copies.flatMap((copy) => (copy.title !== undefined ? [[copy.key, copy.title] as const] : [])),
    ];
    if (titled.length) setTitles((known) => ({ ...known, ...Object.fromEntries(titled) }));
  };

  // On opening: the relations whose target the roles narrow to a single record.
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void (async () => {
      const access = await api.appAccess(appKey).catch(() => undefined);
      const scoped = new Set(access?.entities.filter((each) => each.scoped).map((each) => each.key));
      for (const field of singleRelations(entity)) {
        if (cancelled || hidden.includes(field.key) || !scoped.has(field.relation.entity)) continue;
        if (!isEmptyValue(latest.current.values[field.key])) continue;
        const page = await api
          .listRecords(appKey, field.relation.entity, { limit: 2 })
          .catch(() => undefined);
        const [only] = page?.items ?? [];
        if (cancelled || !only || (page?.items.length ?? 0) > 1 || page?.nextCursor) continue;
        if (!isEmptyValue(latest.current.values[field.key])) continue;
        const target = app.entities.find((candidate) => candidate.key === field.relation.entity);
        latest.current.setValue(field.key, only.id);
        seen.current[field.key] = only.id;
        setTitles((known) => ({
          ...known,
          [field.key]: target ? titleOfRecord(target, only, locale) : only.id,
        }));
        fill({ field: field.key, record: only });
      }
    })();
    return () => {
      cancelled = true;
    };
    // Once per form opened: what the user picks afterwards is theirs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, appKey, entity.key]);

  const preview = (chosen: { field: string; record: RecordDto | null }) => {
    const through = lookupsThrough(entity, chosen);
    if (Object.keys(through.values).length === 0) return;
    setLookups((known) => ({
      values: { ...known.values, ...through.values },
      display: {
        ...Object.fromEntries(Object.entries(known.display).filter(([key]) => !(key in through.values))),
        ...through.display,
      },
    }));
  };

  // A record the user picks: the empty relations it names follow it (a new record). A relation changed
  // either way — picked, filled or cleared — shows the lookups through it as the chosen record holds them.
  const looksUp = (relation: string) =>
    entity.fields.some((field) => field.type === 'lookup' && field.lookup.relation === relation);
  const changed = singleRelations(entity)
    .map((field) => [field, form.values[field.key]] as const)
    .filter(
      ([field, value]) =>
        (enabled && typeof value === 'string' && value && seen.current[field.key] !== value) ||
        (looksUp(field.key) && (previewed.current[field.key] ?? null) !== (value || null)),
    );
  const changedKey = changed.map(([field, value]) => `${field.key}=${String(value ?? '')}`).join('&');
  useEffect(() => {
    if (!changedKey) return;
    for (const [field, value] of changed) {
      previewed.current[field.key] = value || null;
      if (typeof value !== 'string' || !value) {
        preview({ field: field.key, record: null });
        continue;
      }
      const picked = enabled && seen.current[field.key] !== value;
      seen.current[field.key] = value;
      void api
        .getRecord(appKey, field.relation.entity, value)
        .then((record) => {
          if (latest.current.values[field.key] !== value) return;
          preview({ field: field.key, record });
          if (picked) fill({ field: field.key, record });
        })
        .catch(() => undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changedKey]);

  return { titles, lookups };
}
