import { type ErrorDetail } from '../../common/errors/app-error';

/** How much a member's attributes may hold; they are read on every request, so they stay small. */
export const ATTRIBUTE_LIMITS = {
  maxKeys: 30,
  maxListItems: 200,
  maxStringLength: 200,
  maxBytes: 16_384,
} as const;

export type AttributeValue = string | number | boolean | Array<string | number>;
export type MemberAttributes = Record<string, AttributeValue>;

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
/** `user.id` in a scope is always the member's id; an attribute may not shadow it. */
const RESERVED_KEYS = new Set(['id']);

const isScalar = (value: unknown): value is string | number =>
  (typeof value === 'string' && value.length <= ATTRIBUTE_LIMITS.maxStringLength) ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Checks a member's attributes: a flat object of strings, numbers, booleans or lists of strings/numbers
 * (what row scopes read as `user.<key>` and flows read for dispatch). Every problem names its path.
 */
export function attributeProblems(attributes: unknown): ErrorDetail[] {
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes))
    return [{ path: 'attributes', message: 'attributes must be an object' }];
  const entries = Object.entries(attributes);
  const problems: ErrorDetail[] = [];
  if (entries.length > ATTRIBUTE_LIMITS.maxKeys)
    problems.push({ path: 'attributes', message: `at most ${ATTRIBUTE_LIMITS.maxKeys} attributes` });
  for (const [key, value] of entries) {
    const path = `attributes.${key}`;
    if (!KEY.test(key))
      problems.push({ path, message: 'a key is a letter then letters, digits or _ (at most 50)' });
    else if (RESERVED_KEYS.has(key)) problems.push({ path, message: `"${key}" is reserved` });
    if (Array.isArray(value)) {
      if (value.length > ATTRIBUTE_LIMITS.maxListItems)
        problems.push({ path, message: `a list holds at most ${ATTRIBUTE_LIMITS.maxListItems} values` });
      value.forEach((item, index) => {
        if (!isScalar(item))
          problems.push({
            path: `${path}[${index}]`,
            message: `list values are strings (at most ${ATTRIBUTE_LIMITS.maxStringLength} characters) or numbers`,
          });
      });
    } else if (!isScalar(value) && typeof value !== 'boolean') {
      problems.push({
        path,
        message: `a value is a string (at most ${ATTRIBUTE_LIMITS.maxStringLength} characters), number, boolean or a list`,
      });
    }
  }
  if (problems.length === 0 && JSON.stringify(attributes).length > ATTRIBUTE_LIMITS.maxBytes)
    problems.push({
      path: 'attributes',
      message: `attributes are at most ${ATTRIBUTE_LIMITS.maxBytes} bytes`,
    });
  return problems;
}

/** Empty strings and empty lists mean "not set": dropped, so scopes see `null` rather than `""`. */
export function normalizeAttributes(attributes: MemberAttributes): MemberAttributes {
  return Object.fromEntries(
    Object.entries(attributes)
      .map(([key, value]): [string, AttributeValue] => [
        key,
        Array.isArray(value)
          ? [...new Set(value.map((item) => (typeof item === 'string' ? item.trim() : item)))].filter(
              (item) => item !== '',
            )
          : typeof value === 'string'
            ? value.trim()
            : value,
      ])
      .filter(([, value]) => value !== '' && !(Array.isArray(value) && value.length === 0)),
  );
}

/** The first app role that no app of the workspace defines, if any. */
export function unknownAppRole(appRoles: string[], defined: ReadonlySet<string>): string | undefined {
  return appRoles.find((role) => !defined.has(role));
}

/**
 * Whether a change leaves the workspace without an active admin: demoting, deactivating or removing the
 * only one is refused.
 */
export function leavesNoAdmin(
  target: { role: string; active: boolean },
  next: { role: string; active: boolean } | 'removed',
  activeAdmins: number,
): boolean {
  const wasAdmin = target.role === 'admin' && target.active;
  const staysAdmin = next !== 'removed' && next.role === 'admin' && next.active;
  return wasAdmin && !staysAdmin && activeAdmins <= 1;
}
