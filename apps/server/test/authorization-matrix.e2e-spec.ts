import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  type EntityDefinition,
  type FieldDefinition,
  type PermissionAction,
  type ReportDefinition,
} from '@lowcode/app-model';
import { isComputedField } from '@lowcode/form-engine';
import { creditCodeCheck, loadPropertyTemplate, residentIdCheck } from '@lowcode/template-property';
import type request from 'supertest';
import { fieldStorage } from '../src/records/utils/entity-storage';
import { createTestApp, loginAs, type TestApp } from './support/test-app';
import {
  evaluateLogic,
  grantOf,
  reportReads,
  type RoleGrant,
  type StoredRow,
  StoredRows,
} from './support/role-grants';

const PASSWORD = 'authorization-matrix-password';
const APP = 'property';
const records = (entity: string) => `/api/apps/${APP}/entities/${entity}/records`;

type Auth = { Authorization: string };
interface Member {
  role: string;
  username: string;
  userId: string;
  attributes: Record<string, unknown>;
  auth: Auth;
}
interface Listed {
  id: string;
  version: number;
  values: Record<string, unknown>;
  display: Record<string, unknown>;
}

/** Runs `work` over `items`, a few at a time: enough to keep the server busy, not enough to swamp 2 cores. */
async function inGroups<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}

const brief = (body: unknown) => JSON.stringify(body ?? null).slice(0, 240);
const WRONG = { matrix: 'not a value of any scalar field' };
const SCALAR_TYPES = new Set(['text', 'longText', 'number', 'money', 'date', 'datetime', 'select', 'phone']);
const FILE_TYPES = new Set(['attachment', 'image', 'signature']);

/**
 * The authorization matrix of the property template: every role × entity × action, generated from the
 * template's role definitions, checked against a running server on real PostgreSQL with the demo company.
 * Allowed answers must work and denied ones must be 403 (404 for a record outside the row scope) in the
 * product's error shape, never 5xx; row scopes and field rules are recomputed here from the stored rows,
 * independently of the server's SQL; reports, report previews and exports may not cover a row the role
 * cannot list, nor show a field it may not see. Problems are collected per phase and reported together.
 */
describe('authorization matrix of the property template', () => {
  const app = loadPropertyTemplate();
  const roles = app.roles.map((role) => role.key);
  const entities = app.entities;
  const matrix = roles.flatMap((role) => entities.map((entity) => ({ role, entity })));
  const entityOf = (key: string) => entities.find((entity) => entity.key === key)!;

  let testApp: TestApp;
  let admin: Auth;
  let schema: string;
  let stored: StoredRows;
  const members = new Map<string, Member>();
  const listed = new Map<string, Listed[]>(); // `${role}/${entity}` → every record the role lists
  const touched = new Map<string, number>(); // `${entity}/${id}` → times the matrix deleted and restored it
  const checked: Record<string, number> = {};
  const untried = new Set<string>(); // granted actions with no record inside the scope to try them on
  let memberIds: string[] = []; // every member of the workspace, for a unique user field's copy
  let problems: string[] = [];

  const query = <T>(sql: string, params: unknown[] = []) => testApp.database.query<T>(sql, params);
  const grant = (role: string, entity: string): RoleGrant => grantOf(app, role, entity);
  const member = (role: string) => members.get(role)!;

  /** Records one answer against what the matrix expects; anything else becomes a problem. */
  function answer(
    kind: string,
    label: string,
    response: request.Response,
    status: number,
    code?: string,
  ): boolean {
    checked[kind] = (checked[kind] ?? 0) + 1;
    if (response.status >= 500) {
      problems.push(`${label}: ${response.status} server error ${brief(response.body)}`);
      return false;
    }
    if (response.status !== status) {
      problems.push(`${label}: ${response.status}, expected ${status} ${brief(response.body)}`);
      return false;
    }
    if (status >= 400) {
      const error = (response.body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
        .error;
      if (
        !error ||
        error.code !== code ||
        typeof error.message !== 'string' ||
        !Array.isArray(error.details)
      ) {
        problems.push(`${label}: error ${brief(response.body)}, expected ${code} in the error shape`);
        return false;
      }
    }
    return true;
  }
  const denied = (grantFor: RoleGrant, action: PermissionAction) => !grantFor.actions.has(action);

  async function loadStored(): Promise<StoredRows> {
    const byEntity = new Map<string, Map<string, StoredRow>>();
    for (const entity of entities) {
      const rows = await query<StoredRow>(`SELECT * FROM "${schema}"."${entity.key}"`);
      byEntity.set(entity.key, new Map(rows.map((row) => [row._id as string, row])));
    }
    return new StoredRows(app, byEntity);
  }

  const inScope = (role: string, entity: string, action: PermissionAction, row: StoredRow) =>
    stored.inScope(entity, row, grant(role, entity).scopes(action), member(role));

  /** The relation fields of `values` that link a record the role may not read (or none that is live). */
  function unreadableLinks(
    role: string,
    entity: EntityDefinition,
    values: Record<string, unknown>,
  ): string[] {
    return entity.fields
      .filter((field) => field.type === 'relation')
      .filter((field) => {
        const target = field.relation.entity;
        const ids = [values[field.key] ?? []].flat() as string[];
        return ids.some((id) => {
          const row = stored.byEntity.get(target)!.get(id);
          return (
            !row ||
            row._deleted_at !== null ||
            !grant(role, target).actions.has('read') ||
            !inScope(role, target, 'read', row)
          );
        });
      })
      .map((field) => field.key);
  }

  /** A live record inside the role's scope for `action` (or readable, when the action is not granted). */
  function sample(role: string, entity: string, action: PermissionAction, inside: boolean) {
    const granted = grant(role, entity).actions.has(action);
    const row = stored
      .live(entity)
      .find((candidate) => inScope(role, entity, granted ? action : 'read', candidate) === inside);
    if (!row && inside && granted) untried.add(`${role} ${action} ${entity}`);
    return row;
  }

  /** Every record of a list, page by page, with the last answer (the first that is not a 200). */
  async function listAll(auth: Auth, entity: string, extra: Record<string, string> = {}) {
    const items: Listed[] = [];
    let cursor: string | undefined;
    for (;;) {
      const response = await testApp
        .http()
        .get(records(entity))
        .query({ limit: '200', ...extra, ...(cursor ? { cursor } : {}) })
        .set(auth);
      if (response.status !== 200) return { response, items };
      const body = response.body as { items: Listed[]; nextCursor: string | null };
      items.push(...body.items);
      cursor = body.nextCursor ?? undefined;
      if (!cursor) return { response, items };
    }
  }

  /**
   * The member who signs in for a role: a demo member holding only that app role, the one whose row scopes
   * cut most entities in two (rows inside and outside), so both sides can be tried. A role with no such
   * member (the `admin` app role: the demo's admin is a workspace admin, unlimited) gets one via the API.
   */
  async function pickMembers(): Promise<void> {
    const candidates = await query<{
      id: string;
      username: string;
      app_roles: string[];
      attributes: Record<string, unknown>;
    }>(
      `SELECT u.id, u.username, m.app_roles, m.attributes FROM workspace_member m
         JOIN app_user u ON u.id = m.user_id
        WHERE m.role = 'member' AND u.is_active AND cardinality(m.app_roles) = 1 ORDER BY u.username`,
    );
    const projects = stored.live('project').map((row) => row._id as string);
    for (const role of roles) {
      // The first 40 (by user name) are plenty to find one whose scopes cut, and keep the pick quick.
      let pool = candidates.filter((candidate) => candidate.app_roles[0] === role).slice(0, 40);
      if (pool.length === 0) {
        const username = `matrix-${role}`;
        const created = await testApp
          .http()
          .post('/api/members')
          .set(admin)
          .send({ username, password: PASSWORD, appRoles: [role], attributes: { projects } })
          .expect(201);
        pool = [{ id: created.body.id as string, username, app_roles: [role], attributes: { projects } }];
      }
      const scoped = entities.flatMap((entity) => {
        const scopes = grant(role, entity.key).scopes('read');
        return scopes?.length ? [{ entity, scopes, rows: stored.live(entity.key) }] : [];
      });
      const score = (candidate: (typeof pool)[number]) =>
        scoped.reduce((sum, { entity, scopes, rows }) => {
          const who = { userId: candidate.id, attributes: candidate.attributes };
          const inside = rows.filter((row) => stored.inScope(entity.key, row, scopes, who)).length;
          return sum + (inside > 0 && inside < rows.length ? 10_000 : 0) + inside;
        }, 0);
      const scores = pool.map(score);
      const best = pool[scores.indexOf(Math.max(...scores))]!;
      const { auth } = await loginAs(testApp, { username: best.username, password: PASSWORD });
      members.set(role, {
        role,
        username: best.username,
        userId: best.id,
        attributes: best.attributes,
        auth,
      });
    }
  }

  beforeAll(async () => {
    testApp = await createTestApp({ demoScale: 0.02, demoPassword: PASSWORD });
    ({ auth: admin } = await loginAs(testApp));
    await testApp.http().post(`/api/templates/${APP}/install?demo=true`).set(admin).expect(200);
    const [row] = await query<{ storage_schema: string }>('SELECT storage_schema FROM app WHERE key = $1', [
      APP,
    ]);
    schema = row!.storage_schema;
    stored = await loadStored();
    memberIds = (
      await query<{ user_id: string }>('SELECT user_id FROM workspace_member ORDER BY user_id')
    ).map((member) => member.user_id);
    await pickMembers();
  });
  afterAll(async () => {
    process.stdout.write(
      `\nAuthorization matrix: ${roles.length} roles × ${entities.length} entities; checks ${JSON.stringify(checked)}` +
        `\nGranted but no record in scope to try: ${[...untried].sort().join('; ') || 'none'}\n`,
    );
    await testApp.close();
  });
  beforeEach(() => {
    problems = [];
  });

  it('lists exactly the rows each role scope selects, for every role × entity', async () => {
    await inGroups(matrix, 4, async ({ role, entity }) => {
      const label = `${role} lists ${entity.key}`;
      const { response, items } = await listAll(member(role).auth, entity.key);
      if (denied(grant(role, entity.key), 'read')) {
        answer('list', label, response, 403, 'FORBIDDEN');
        return;
      }
      if (!answer('list', label, response, 200)) return;
      listed.set(`${role}/${entity.key}`, items);
      const expected = new Set(
        stored
          .live(entity.key)
          .filter((row) => inScope(role, entity.key, 'read', row))
          .map((row) => row._id as string),
      );
      const got = new Set(items.map((item) => item.id));
      const leaked = [...got].filter((id) => !expected.has(id));
      const missing = [...expected].filter((id) => !got.has(id));
      if (leaked.length)
        problems.push(`${label}: ${leaked.length} rows outside the scope, e.g. ${leaked[0]}`);
      if (missing.length) problems.push(`${label}: ${missing.length} rows of the scope missing`);
      if (got.size !== items.length) problems.push(`${label}: a record listed twice`);
    });
    // The scopes really cut: every scoped role sees part of some entity, and its member has rows to see.
    for (const role of roles) {
      const cut = entities.some((entity) => {
        const items = listed.get(`${role}/${entity.key}`);
        return items && items.length > 0 && items.length < stored.live(entity.key).length;
      });
      const scoped = entities.some((entity) => grant(role, entity.key).scopes('read')?.length);
      if (scoped && !cut) problems.push(`${role}: no scoped entity is cut in two — a weak member pick`);
    }
    expect(problems).toEqual([]);
  });

  it('reads one record (and its history) inside the scope, 404 outside, 403 without the grant', async () => {
    await inGroups(matrix, 4, async ({ role, entity }) => {
      const get = (row: StoredRow, suffix = '') =>
        testApp
          .http()
          .get(`${records(entity.key)}/${row._id}${suffix}`)
          .set(member(role).auth);
      const label = `${role} reads one ${entity.key}`;
      if (denied(grant(role, entity.key), 'read')) {
        const any = stored.live(entity.key)[0];
        if (!any) return;
        answer('one', label, await get(any), 403, 'FORBIDDEN');
        answer('one', `${label} history`, await get(any, '/history'), 403, 'FORBIDDEN');
        return;
      }
      const inside = sample(role, entity.key, 'read', true);
      const outside = sample(role, entity.key, 'read', false);
      if (inside) {
        answer('one', `${label} inside`, await get(inside), 200);
        answer('one', `${label} inside, history`, await get(inside, '/history'), 200);
      }
      if (outside) {
        answer('one', `${label} outside`, await get(outside), 404, 'RECORD_NOT_FOUND');
        answer('one', `${label} outside, history`, await get(outside, '/history'), 404, 'RECORD_NOT_FOUND');
      }
    });
    expect(problems).toEqual([]);
  });

  /**
   * A create body the form engine refuses: every scalar field the role may set gets an object. A role that may
   * not create is refused whatever it sends, so it sends every scalar field wrong.
   */
  function invalidValues(
    role: string,
    entity: EntityDefinition,
    mayCreate: boolean,
  ): Record<string, unknown> {
    const rights = grant(role, entity.key);
    const keys = entity.fields
      .filter((field) => SCALAR_TYPES.has(field.type) && !isComputedField(field))
      .map((field) => field.key)
      .filter((key) => !mayCreate || (!rights.readOnly.has(key) && !rights.hidden.has(key)));
    if (keys.length === 0) throw new Error(`${entity.key} has no scalar field to make invalid`);
    return Object.fromEntries(keys.map((key) => [key, WRONG]));
  }

  /** A unique text changed in its last character (same kind: digit or letter), to a value no row holds. */
  function unused(
    entity: string,
    key: string,
    value: string,
    type?: FieldDefinition['type'],
  ): string | undefined {
    const taken = new Set([...stored.byEntity.get(entity)!.values()].map((row) => row[key]));
    // A resident ID or credit code ends in a check character: vary the one before it and recompute it.
    const check = type === 'idCard' ? residentIdCheck : type === 'creditCode' ? creditCodeCheck : undefined;
    if (check)
      return [...'0123456789']
        .map((digit) => value.slice(0, 16) + digit)
        .map((first17) => first17 + check(first17))
        .find((candidate) => !taken.has(candidate));
    // A unique person (a technician's account): a member no record names yet.
    if (type === 'user') return memberIds.find((id) => !taken.has(id));
    const last = value.slice(-1);
    const pool = /\d/.test(last)
      ? '0123456789'
      : /[A-Z]/.test(last)
        ? 'ABCDEFGHJKLMNPQRSTUVWXYZ'
        : 'abcdefghijkmnpqrstuvwxyz';
    return [...pool]
      .map((character) => value.slice(0, -1) + character)
      .find((candidate) => !taken.has(candidate));
  }

  /** A file value as a client sends it: the link the server answered with is relative, a client's is absolute. */
  const asSent = (file: unknown) =>
    file && typeof file === 'object'
      ? { ...file, url: `https://files.invalid/${(file as { id: string }).id}` }
      : file;
  const sentFiles = (field: FieldDefinition, value: unknown): unknown => {
    if (FILE_TYPES.has(field.type)) return Array.isArray(value) ? value.map(asSent) : asSent(value);
    if (field.type !== 'subTable' || !Array.isArray(value)) return value;
    return value.map((row: Record<string, unknown>) =>
      Object.fromEntries(
        field.fields
          .filter((column) => !isComputedField(column) && row[column.key] !== undefined)
          .map((column) => [column.key, sentFiles(column, row[column.key])]),
      ),
    );
  };

  /**
   * A stored record's values as a create body: computed fields and the role's read-only or hidden fields left
   * out, files as a client sends them, unique texts made unique again.
   */
  async function copyOf(
    role: string,
    entity: EntityDefinition,
    id: string,
  ): Promise<Record<string, unknown>> {
    const response = await testApp
      .http()
      .get(`${records(entity.key)}/${id}`)
      .set(admin)
      .expect(200);
    const values = response.body.values as Record<string, unknown>;
    const rights = grant(role, entity.key);
    const copy: Record<string, unknown> = {};
    for (const field of entity.fields) {
      const value = values[field.key];
      if (isComputedField(field) || value === null || value === undefined) continue;
      if (rights.readOnly.has(field.key) || rights.hidden.has(field.key)) continue;
      if (field.unique && typeof value !== 'string') continue;
      copy[field.key] = field.unique
        ? unused(entity.key, field.key, value as string, field.type)
        : sentFiles(field, value);
    }
    return copy;
  }

  it('creates only with the create grant: invalid bodies are 400, out-of-scope ones 403 or 400 naming the links it may not read', async () => {
    await inGroups(matrix, 4, async ({ role, entity }) => {
      const { auth } = member(role);
      const label = `${role} creates ${entity.key}`;
      const allowed = !denied(grant(role, entity.key), 'create');
      const body = { values: invalidValues(role, entity, allowed) };
      const created = await testApp.http().post(records(entity.key)).set(auth).send(body);
      answer('create', label, created, allowed ? 400 : 403, allowed ? 'RECORD_INVALID' : 'FORBIDDEN');
      const bulk = await testApp
        .http()
        .post(`${records(entity.key)}/bulk`)
        .set(auth)
        .send({ create: [body.values] });
      answer(
        'create',
        `${label} in bulk`,
        bulk,
        allowed ? 400 : 403,
        allowed ? 'RECORD_INVALID' : 'FORBIDDEN',
      );
      // A valid record the role could not then see: refused, and nothing is written.
      const outside =
        allowed && grant(role, entity.key).scopes('create')
          ? sample(role, entity.key, 'create', false)
          : undefined;
      if (outside) {
        const copy = await copyOf(role, entity, outside._id as string);
        // Judged as it would be stored: created by the member (a scope may admit what one files oneself).
        const asStored: StoredRow = {
          ...copy,
          _id: null,
          _created_by: member(role).userId,
          _deleted_at: null,
        };
        if (inScope(role, entity.key, 'create', asStored))
          untried.add(`${role} create outside ${entity.key}`);
        else {
          const response = await testApp.http().post(records(entity.key)).set(auth).send({ values: copy });
          // Linking records the role may not read is refused first, naming those fields, as links to
          // records that do not exist; a copy whose links the role may all read is refused by its scope.
          const unreadable = unreadableLinks(role, entity, copy);
          if (unreadable.length === 0)
            answer('create', `${label} outside the scope`, response, 403, 'FORBIDDEN');
          else if (answer('create', `${label} outside the scope`, response, 400, 'RECORD_INVALID')) {
            const named = (response.body.error.details as { path: string }[]).map((detail) => detail.path);
            if (named.sort().join() !== unreadable.sort().join())
              problems.push(
                `${label} outside the scope: named ${named.join(', ')}, not ${unreadable.join(', ')}`,
              );
          }
        }
      }
      // Read-only and hidden fields are not the role's to choose: a create setting one (to anything but its
      // default) is refused by name, before the body is even validated.
      const rights = grant(role, entity.key);
      const chosen: Record<string, unknown> = {};
      for (const field of allowed ? entity.fields : []) {
        if (isComputedField(field) || !(rights.readOnly.has(field.key) || rights.hidden.has(field.key)))
          continue;
        const value = stored
          .live(entity.key)
          .map((row) => stored.value(entity.key, row, [field.key]))
          .find(
            (candidate) =>
              candidate !== null && JSON.stringify(candidate) !== JSON.stringify(field.defaultValue),
          );
        if (value !== undefined) chosen[field.key] = value;
      }
      if (Object.keys(chosen).length) {
        const response = await testApp
          .http()
          .post(records(entity.key))
          .set(auth)
          .send({ values: { ...body.values, ...chosen } });
        if (answer('fields', `${label} with read-only/hidden fields`, response, 403, 'FORBIDDEN')) {
          const named = (response.body.error.details as { path: string }[]).map((detail) => detail.path);
          const unnamed = Object.keys(chosen).filter((key) => !named.includes(key));
          if (unnamed.length) problems.push(`${label}: refused without naming ${unnamed.join(', ')}`);
        }
      }
    });
    expect(problems).toEqual([]);
  });

  /** A text field the role may change, to try a real change where it must be refused. */
  const changeable = (role: string, entity: EntityDefinition) =>
    entity.fields.find(
      (field) =>
        (field.type === 'text' || field.type === 'longText') &&
        !field.unique &&
        !isComputedField(field) &&
        !grant(role, entity.key).readOnly.has(field.key) &&
        !grant(role, entity.key).hidden.has(field.key),
    );

  it('updates inside the scope only, and refuses read-only and hidden fields by name', async () => {
    await inGroups(matrix, 4, async ({ role, entity }) => {
      const { auth } = member(role);
      const rights = grant(role, entity.key);
      const label = `${role} updates ${entity.key}`;
      const inside = sample(role, entity.key, 'update', true);
      const outside = sample(role, entity.key, 'update', false);
      const field = changeable(role, entity);
      const change = field ? { [field.key]: 'changed by the authorization matrix' } : {};
      const patch = (row: StoredRow, values: Record<string, unknown>) =>
        testApp
          .http()
          .patch(`${records(entity.key)}/${row._id}`)
          .set(auth)
          .send({ version: row._version, values });
      if (denied(rights, 'update')) {
        const row = inside ?? stored.live(entity.key)[0];
        if (row) answer('update', label, await patch(row, change), 403, 'FORBIDDEN');
        return;
      }
      if (inside) {
        // An empty patch passes every check and writes nothing, so later phases see the same rows.
        answer('update', `${label} inside`, await patch(inside, {}), 200);
        const limited = [...rights.readOnly, ...rights.hidden].filter((key) =>
          entity.fields.some((candidate) => candidate.key === key),
        );
        if (limited.length) {
          const values = Object.fromEntries(
            limited.map((key) => [key, stored.value(entity.key, inside, [key])]),
          );
          const response = await patch(inside, values);
          if (answer('fields', `${label} read-only/hidden fields`, response, 403, 'FORBIDDEN')) {
            const named = (response.body.error.details as { path: string }[]).map((detail) => detail.path);
            const unnamed = limited.filter((key) => !named.includes(key));
            if (unnamed.length) problems.push(`${label}: refused without naming ${unnamed.join(', ')}`);
          }
        }
      }
      if (outside) {
        answer('update', `${label} outside`, await patch(outside, change), 404, 'RECORD_NOT_FOUND');
        const bulk = await testApp
          .http()
          .post(`${records(entity.key)}/bulk`)
          .set(auth)
          .send({ update: [{ id: outside._id, version: outside._version, values: change }] });
        answer('update', `${label} outside, in bulk`, bulk, 404, 'RECORD_NOT_FOUND');
      }
    });
    expect(problems).toEqual([]);
  });

  it('deletes (and restores) inside the scope only', async () => {
    // One at a time: a delete and restore bump versions other requests would otherwise race with.
    for (const { role, entity } of matrix) {
      const { auth } = member(role);
      const label = `${role} deletes ${entity.key}`;
      const inside = sample(role, entity.key, 'delete', true);
      const outside = sample(role, entity.key, 'delete', false);
      if (denied(grant(role, entity.key), 'delete')) {
        const row = inside ?? stored.live(entity.key)[0];
        if (row) {
          const response = await testApp
            .http()
            .delete(`${records(entity.key)}/${row._id}`)
            .set(auth);
          answer('delete', label, response, 403, 'FORBIDDEN');
        }
        continue;
      }
      if (inside) {
        const path = `${records(entity.key)}/${inside._id}`;
        const key = `${entity.key}/${inside._id}`;
        touched.set(key, (touched.get(key) ?? 0) + 1);
        if (answer('delete', `${label} inside`, await testApp.http().delete(path).set(auth), 204))
          answer(
            'delete',
            `${label} inside, restore`,
            await testApp.http().post(`${path}/restore`).set(auth),
            200,
          );
      }
      if (outside) {
        const response = await testApp
          .http()
          .delete(`${records(entity.key)}/${outside._id}`)
          .set(auth);
        answer('delete', `${label} outside`, response, 404, 'RECORD_NOT_FOUND');
      }
    }
    expect(problems).toEqual([]);
  });

  it('imports only with the import and create grants', async () => {
    await inGroups(matrix, 4, async ({ role, entity }) => {
      const rights = grant(role, entity.key);
      const allowed = rights.actions.has('import') && rights.actions.has('create');
      const header = entity.fields.find((field) => !isComputedField(field))!.key;
      const response = await testApp
        .http()
        .post(`${records(entity.key)}/import`)
        .set(member(role).auth)
        .field('mode', 'preview')
        .attach('file', Buffer.from(`${header}\n`), 'matrix.csv');
      const label = `${role} imports ${entity.key}`;
      if (
        answer('import', label, response, allowed ? 200 : 403, allowed ? undefined : 'FORBIDDEN') &&
        allowed
      ) {
        const { total, imported } = response.body as { total: number; imported: number };
        if (total !== 0 || imported !== 0)
          problems.push(`${label}: a header-only preview imported ${imported}`);
      }
    });
    expect(problems).toEqual([]);
  });

  const searchable = (entity: EntityDefinition) =>
    entity.fields.filter((field) => {
      const storage = fieldStorage(field);
      return storage.kind === 'column' && storage.searchable;
    });
  /** Fields some role masks: where a role without the mask must see the stored value. */
  const sensitive = (entity: string) => new Set(roles.flatMap((role) => [...grant(role, entity).masked]));

  it('hides and masks fields in lists, filters, sorts and search, and describes the access', async () => {
    await inGroups(matrix, 4, async ({ role, entity }) => {
      const rights = grant(role, entity.key);
      const { auth } = member(role);
      const label = `${role} × ${entity.key}`;
      const access = await testApp.http().get(`/api/apps/${APP}/entities/${entity.key}/access`).set(auth);
      if (denied(rights, 'read')) {
        answer('fields', `${label} access`, access, 403, 'FORBIDDEN');
        return;
      }
      if (answer('fields', `${label} access`, access, 200)) {
        const keys = new Set(entity.fields.map((field) => field.key));
        const expected = {
          actions: [...rights.actions].sort(),
          hidden: [...rights.hidden].filter((key) => keys.has(key)).sort(),
          masked: [...rights.masked].filter((key) => keys.has(key)).sort(),
          readOnly: [...rights.readOnly].filter((key) => keys.has(key)).sort(),
        };
        const body = access.body as Record<keyof typeof expected, string[]>;
        const got = Object.fromEntries(Object.entries(body).map(([key, list]) => [key, [...list].sort()]));
        if (JSON.stringify(got) !== JSON.stringify(expected))
          problems.push(`${label} access: ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
      }
      const items = listed.get(`${role}/${entity.key}`) ?? [];
      const rows = stored.byEntity.get(entity.key)!;
      for (const key of rights.hidden) {
        checked.fields = (checked.fields ?? 0) + 1;
        if (items.some((item) => key in item.values || key in item.display))
          problems.push(`${label}: hidden field ${key} in a listed record`);
      }
      for (const key of rights.masked) {
        checked.fields = (checked.fields ?? 0) + 1;
        for (const item of items) {
          const value = rows.get(item.id)![key];
          const shown = item.values[key];
          if (typeof value !== 'string' || value === '') continue;
          if (
            shown === value ||
            typeof shown !== 'string' ||
            shown.length !== value.length ||
            !shown.includes('*')
          )
            problems.push(`${label}: masked field ${key} shows ${String(shown)}`);
        }
      }
      for (const key of sensitive(entity.key)) {
        if (rights.masked.has(key) || rights.hidden.has(key)) continue;
        checked.fields = (checked.fields ?? 0) + 1;
        const wrong = items.find((item) => (item.values[key] ?? null) !== (rows.get(item.id)![key] ?? null));
        if (wrong)
          problems.push(`${label}: ${key} should be shown whole, shows ${String(wrong.values[key])}`);
      }
      // A rollup aggregates only the source rows the role can list (null when it cannot read them at all).
      for (const field of entity.fields) {
        if (field.type !== 'rollup' || rights.hidden.has(field.key)) continue;
        checked.fields = (checked.fields ?? 0) + 1;
        const { entity: source, relation, aggregate, field: measured } = field.rollup;
        const sourceRights = grant(role, source);
        const readable =
          sourceRights.actions.has('read') &&
          !sourceRights.hidden.has(relation) &&
          !(measured && (sourceRights.hidden.has(measured) || sourceRights.masked.has(measured)));
        const bySource = new Map<string, Listed[]>();
        for (const item of listed.get(`${role}/${source}`) ?? []) {
          const links = item.values[relation];
          for (const link of Array.isArray(links) ? links : [links])
            if (typeof link === 'string') bySource.set(link, [...(bySource.get(link) ?? []), item]);
        }
        const expectedOf = (id: string): number | null => {
          if (!readable) return null;
          const linked = bySource.get(id) ?? [];
          if (aggregate === 'count') return linked.length;
          const numbers = linked
            .map((item) => item.values[measured!])
            .filter((value) => typeof value === 'number');
          if (numbers.length === 0) return null;
          const sum = numbers.reduce((a, b) => a + b, 0);
          return aggregate === 'sum'
            ? sum
            : aggregate === 'avg'
              ? sum / numbers.length
              : aggregate === 'min'
                ? Math.min(...numbers)
                : Math.max(...numbers);
        };
        const wrong = items.filter((item) => {
          const got = (item.values[field.key] as number | null | undefined) ?? null;
          const expected = expectedOf(item.id);
          return got === null || expected === null ? got !== expected : Math.abs(got - expected) > 0.005;
        });
        if (wrong.length)
          problems.push(
            `${label}: rollup ${field.key} counts rows the role cannot list in ${wrong.length} records, e.g. ` +
              `${String(wrong[0]!.values[field.key])} instead of ${String(expectedOf(wrong[0]!.id))}`,
          );
      }
      // Neither a filter, a sort nor the search may compare a value the role may not see.
      for (const key of [...rights.hidden, ...rights.masked]) {
        const filter = JSON.stringify({ '==': [{ var: key }, 'x'] });
        const filtered = await testApp.http().get(records(entity.key)).query({ filter }).set(auth);
        answer('fields', `${label} filter on ${key}`, filtered, 403, 'FORBIDDEN');
        const sorted = await testApp.http().get(records(entity.key)).query({ sort: key }).set(auth);
        answer('fields', `${label} sort by ${key}`, sorted, 403, 'FORBIDDEN');
      }
      const visibleText = searchable(entity).filter(
        (field) => !rights.hidden.has(field.key) && !rights.masked.has(field.key),
      );
      for (const field of searchable(entity).filter((candidate) => !visibleText.includes(candidate))) {
        const row = items
          .map((item) => rows.get(item.id)!)
          .find((candidate) => {
            const value = candidate[field.key];
            return typeof value === 'string' && value.length >= 4;
          });
        if (!row) continue;
        const value = row[field.key] as string;
        const probe = value.length > 8 ? value.slice(3, -4) : value;
        const found = await listAll(auth, entity.key, { q: probe });
        if (!answer('fields', `${label} search for ${field.key}`, found.response, 200)) continue;
        // A record is also found by the titles it shows of the records it links to.
        const visibleMatch = (item: Listed) =>
          [
            ...visibleText.map((candidate) => item.values[candidate.key]),
            ...Object.values(item.display),
          ].some((shown) => {
            const text = Array.isArray(shown) ? shown.join(' ') : typeof shown === 'string' ? shown : '';
            return text.toLowerCase().includes(probe.toLowerCase());
          });
        const leaked = found.items.filter((item) => !visibleMatch(item));
        if (leaked.length)
          problems.push(`${label}: searching "${probe}" finds ${leaked.length} records by ${field.key}`);
      }
    });
    expect(problems).toEqual([]);
  });

  async function download(auth: Auth, entity: string, format: 'csv' | 'xlsx') {
    return testApp
      .http()
      .get(`${records(entity)}/export`)
      .query({ format })
      .set(auth)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  }

  async function sheetRows(body: Buffer, format: 'csv' | 'xlsx'): Promise<string[][]> {
    const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
    if (format === 'csv')
      return (
        parseCsv(body.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]
      ).map((row) => row.map(text));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => {
      rows.push((row.values as unknown[]).slice(1).map(text));
    });
    return rows;
  }

  it('exports exactly the rows the role lists, without hidden columns and with masked values', async () => {
    await inGroups(matrix, 3, async ({ role, entity }) => {
      const rights = grant(role, entity.key);
      // Both formats for every role that exports anything small; CSV for the big ones (xlsx is slow to read).
      const format = (listed.get(`${role}/${entity.key}`)?.length ?? 0) <= 400 ? 'xlsx' : 'csv';
      const label = `${role} exports ${entity.key} as ${format}`;
      const response = await download(member(role).auth, entity.key, format);
      if (denied(rights, 'export') || denied(rights, 'read')) {
        if (response.status !== 403) {
          answer('export', label, response, 403, 'FORBIDDEN');
          return;
        }
        // The error is JSON in the error shape, and not offered as a file to save.
        const body = JSON.parse((response.body as Buffer).toString('utf8')) as unknown;
        answer('export', label, { ...response, body } as request.Response, 403, 'FORBIDDEN');
        if (response.headers['content-disposition'])
          problems.push(`${label}: a refusal offered as a file (${response.headers['content-disposition']})`);
        return;
      }
      if (!answer('export', label, response, 200)) return;
      const [header = [], ...cells] = await sheetRows(response.body as Buffer, format);
      const items = listed.get(`${role}/${entity.key}`) ?? [];
      const columns = header.map((cell) => /\(([^()]+)\)$/.exec(cell)?.[1] ?? cell);
      const visible = entity.fields
        .filter((field) => !rights.hidden.has(field.key))
        .map((field) => field.key);
      if (JSON.stringify(columns) !== JSON.stringify(visible))
        problems.push(`${label}: columns ${columns.join(',')}, expected ${visible.join(',')}`);
      if (cells.length !== items.length)
        problems.push(`${label}: ${cells.length} rows in the file, the role lists ${items.length}`);
      // Titles (when they are plain text) and masked values are the listed ones, row for row.
      const title = entity.fields.find(
        (field) => field.key === (entity.titleField ?? entity.fields[0]!.key),
      )!;
      const compare = [...rights.masked, ...(['text', 'autoNumber'].includes(title.type) ? [title.key] : [])];
      for (const key of compare) {
        const column = columns.indexOf(key);
        if (column < 0) continue;
        const inFile = cells.map((row) => row[column] ?? '').sort();
        const inList = items
          .map((item) =>
            item.values[key] === null || item.values[key] === undefined ? '' : String(item.values[key]),
          )
          .sort();
        if (JSON.stringify(inFile) !== JSON.stringify(inList))
          problems.push(`${label}: column ${key} differs from the list`);
      }
    });
    expect(problems).toEqual([]);
  });

  /** Whether a listed record passes a report's filter (the rule language over `record.<field>`). */
  const passes = (report: ReportDefinition, item: Listed) =>
    report.filter === undefined || report.filter === null
      ? true
      : Boolean(
          evaluateLogic(report.filter, (name) => {
            const key = name.replace(/^record\./, '');
            if (key.includes('.')) throw new Error(`report ${report.key} filters through ${key}`);
            return item.values[key] ?? null;
          }),
        );

  /** Whether the role may run a report: every entity it reads readable, no field it names hidden or masked. */
  function mayRun(role: string, report: ReportDefinition): boolean {
    const reads = reportReads(app, report);
    return (
      [...reads.entities].every((entity) => grant(role, entity).actions.has('read')) &&
      reads.fields.every(
        ({ entity, field }) =>
          !grant(role, entity).hidden.has(field) && !grant(role, entity).masked.has(field),
      )
    );
  }

  it('runs every report only over what the role can list, and refuses the ones it may not run', async () => {
    const runs = roles.flatMap((role) => app.reports.map((report) => ({ role, report })));
    await inGroups(runs, 4, async ({ role, report }) => {
      const label = `${role} runs report ${report.key}`;
      const response = await testApp
        .http()
        .post(`/api/apps/${APP}/reports/${report.key}/run`)
        .set(member(role).auth)
        // A report with a period field runs over all time (else its default period would apply), so its
        // totals compare with everything the role lists that has a date there.
        .send(report.periodField ? { period: { from: '1900-01-01', to: '2999-12-31' } } : {});
      const allowed = mayRun(role, report);
      if (
        !answer('reports', label, response, allowed ? 200 : 403, allowed ? undefined : 'FORBIDDEN') ||
        !allowed
      )
        return;
      const rows = response.body.rows as Record<string, unknown>[];
      const items = (listed.get(`${role}/${report.entity}`) ?? []).filter(
        (item) =>
          passes(report, item) && (!report.periodField || (item.values[report.periodField] ?? null) !== null),
      );
      for (const measure of report.measures) {
        const total = rows.reduce((sum, row) => sum + Number(row[measure.key] ?? 0), 0);
        let expected: number | undefined;
        if (measure.aggregate === 'count')
          expected = measure.field
            ? items.filter((item) => (item.values[measure.field!] ?? null) !== null).length
            : items.length;
        else if (measure.aggregate === 'sum' && measure.field && !measure.field.includes('.'))
          expected = items.reduce((sum, item) => sum + Number(item.values[measure.field!] ?? 0), 0);
        if (expected === undefined) continue;
        const exact = report.limit === undefined;
        const wrong = exact ? Math.abs(total - expected) > 0.005 : total > expected + 0.005;
        if (wrong)
          problems.push(
            `${label}: ${measure.key} totals ${total}, the role lists ${expected}${exact ? '' : ' at most'}`,
          );
      }
    });
    expect(problems).toEqual([]);
  });

  const probe = (entity: string, extra: Partial<ReportDefinition> = {}) => ({
    key: 'matrixProbe',
    label: { 'zh-CN': '权限探测', en: 'Permission probe' },
    entity,
    chart: { type: 'table' },
    dimensions: [],
    measures: [{ key: 'n', label: { 'zh-CN': '数', en: 'Count' }, aggregate: 'count' }],
    ...extra,
  });
  const groupable = (field: FieldDefinition) =>
    !['subTable', 'attachment', 'image', 'signature', 'location', 'multiSelect', 'lookup', 'rollup'].includes(
      field.type,
    ) && !(field.type === 'relation' && field.relation.multiple);

  it('keeps report previews inside the role: no unreadable entity, no hidden field, no wider scope', async () => {
    const previews: Array<{
      role: string;
      label: string;
      report: object;
      status: number;
      check?: (body: { rows: Record<string, unknown>[] }) => void;
    }> = [];
    const probed = new Set<string>();
    for (const { role, entity } of matrix) {
      const rights = grant(role, entity.key);
      if (denied(rights, 'read')) {
        previews.push({
          role,
          label: `${role} previews a count of ${entity.key}`,
          report: probe(entity.key),
          status: 403,
        });
        continue;
      }
      const count = (listed.get(`${role}/${entity.key}`) ?? []).length;
      previews.push({
        role,
        label: `${role} previews a count of ${entity.key}`,
        report: probe(entity.key),
        status: 200,
        check: (body) => {
          const total = Number(body.rows[0]?.n ?? 0);
          if (total !== count)
            problems.push(`${role} previews ${entity.key}: counts ${total}, lists ${count}`);
        },
      });
      for (const key of [...rights.hidden, ...rights.masked]) {
        const field = entity.fields.find((candidate) => candidate.key === key);
        if (!field) continue;
        previews.push({
          role,
          label: `${role} previews a filter on ${entity.key}.${key}`,
          report: probe(entity.key, { filter: { '!!': [{ var: `record.${key}` }] } }),
          status: 403,
        });
        if (groupable(field))
          previews.push({
            role,
            label: `${role} previews a dimension on ${entity.key}.${key}`,
            report: probe(entity.key, { dimensions: [{ field: key }] }),
            status: 403,
          });
      }
      for (const field of entity.fields) {
        if (field.type !== 'relation' || field.relation.multiple) continue;
        const target = entityOf(field.relation.entity);
        // One probe per role and related entity is enough (each preview validates the whole app).
        if (probed.has(`${role}/${target.key}`)) continue;
        probed.add(`${role}/${target.key}`);
        const targetRights = grant(role, target.key);
        const label = `${role} previews ${entity.key} by ${field.key} (${target.key})`;
        if (denied(targetRights, 'read')) {
          previews.push({
            role,
            label,
            report: probe(entity.key, { dimensions: [{ field: field.key }] }),
            status: 403,
          });
          continue;
        }
        const limitedField = [...targetRights.hidden, ...targetRights.masked].find((key) =>
          target.fields.some((candidate) => candidate.key === key && groupable(candidate)),
        );
        if (limitedField)
          previews.push({
            role,
            label: `${label} through ${field.key}.${limitedField}`,
            report: probe(entity.key, { dimensions: [{ field: `${field.key}.${limitedField}` }] }),
            status: 403,
          });
        if (!targetRights.scopes('read')) continue;
        // The related records' titles a role sees through a dimension are titles of records it can list.
        const titleKey = target.titleField ?? target.fields[0]!.key;
        const titles = new Set(
          (listed.get(`${role}/${target.key}`) ?? []).map((item) => String(item.values[titleKey])),
        );
        previews.push({
          role,
          label,
          report: probe(entity.key, { dimensions: [{ field: field.key }] }),
          status: 200,
          check: (body) => {
            const shown = body.rows
              .map((row) => row[`${field.key}#label`])
              .filter((title) => title !== null && title !== undefined);
            const foreign = shown.filter((title) => !titles.has(String(title)));
            if (foreign.length)
              problems.push(
                `${label}: shows ${foreign.length} titles outside the scope, e.g. ${String(foreign[0])}`,
              );
          },
        });
      }
    }
    await inGroups(previews, 4, async ({ role, label, report, status, check }) => {
      const response = await testApp
        .http()
        .post(`/api/apps/${APP}/reports/preview`)
        .set(member(role).auth)
        .send({ report });
      if (answer('previews', label, response, status, status === 403 ? 'FORBIDDEN' : undefined) && check)
        check(response.body as { rows: Record<string, unknown>[] });
    });
    expect(problems).toEqual([]);
  });

  it('lists the dashboards of the role only', async () => {
    await inGroups(roles, 4, async (role) => {
      const response = await testApp.http().get(`/api/apps/${APP}/dashboards`).set(member(role).auth);
      if (!answer('dashboards', `${role} lists dashboards`, response, 200)) return;
      const got = (response.body as { key: string }[]).map((dashboard) => dashboard.key).sort();
      const visible = app.dashboards.filter(
        (dashboard) => !dashboard.roles || dashboard.roles.includes(role),
      );
      const expected = visible.map((dashboard) => dashboard.key).sort();
      if (JSON.stringify(got) !== JSON.stringify(expected))
        problems.push(`${role} dashboards: ${got.join(',')}, expected ${expected.join(',')}`);
      for (const dashboard of app.dashboards.filter((candidate) => !visible.includes(candidate))) {
        const one = await testApp
          .http()
          .get(`/api/apps/${APP}/dashboards/${dashboard.key}`)
          .set(member(role).auth);
        answer('dashboards', `${role} opens dashboard ${dashboard.key}`, one, 404, 'DASHBOARD_NOT_FOUND');
      }
    });
    expect(problems).toEqual([]);
  });

  it('changed nothing but the records it deleted and restored on purpose', async () => {
    const after = await loadStored();
    for (const entity of entities) {
      const before = stored.byEntity.get(entity.key)!;
      const now = after.byEntity.get(entity.key)!;
      if (now.size !== before.size) problems.push(`${entity.key}: ${now.size - before.size} rows added`);
      for (const [id, row] of before) {
        const current = now.get(id);
        if (!current) continue;
        const version = (row._version as number) + 2 * (touched.get(`${entity.key}/${id}`) ?? 0);
        if (current._version !== version || (current._deleted_at === null) !== (row._deleted_at === null))
          problems.push(`${entity.key}/${id}: version ${String(current._version)}, expected ${version}`);
      }
    }
    expect(touched.size).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
