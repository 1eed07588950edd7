import fc from 'fast-check';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

/** JSON Schema as the OpenAPI document states it (the parts the generator reads). */
interface Schema {
  type?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Runs per operation: enough to hit each parameter with hostile values, short enough for CI. */
const RUNS = Number(process.env.OPENAPI_FUZZ_RUNS || 12);

/** Hostile and ordinary values alike: SQL and prototype keys, huge and odd numbers, wrong types. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE app; --",
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '%00',
    '0',
    '-1',
    '1e309',
    'null',
    '{"$gt":""}',
    '漏水',
    'a'.repeat(5000),
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.uuid().map(String),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

/**
 * A value for a schema: mostly well-shaped (so requests get past the first check and into the handlers),
 * sometimes anything at all.
 */
function valueFor(schema: Schema | undefined, document: Document, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, document);
  if (!resolved || depth > 3) return anyJson;
  const shaped = (() => {
    if (resolved.enum) return fc.constantFrom(...resolved.enum);
    switch (resolved.type) {
      case 'string':
        return resolved.format === 'uuid' ? fc.oneof(fc.uuid().map(String), hostileText) : hostileText;
      case 'integer':
      case 'number':
        return fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(0, -1, 2 ** 53, 1e308));
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueFor(resolved.items, document, depth + 1), { maxLength: 4 });
      case 'object':
      case undefined: {
        const properties = Object.entries(resolved.properties ?? {});
        if (properties.length === 0) return fc.dictionary(hostileText, anyJson, { maxKeys: 4 });
        return fc.record(
          Object.fromEntries(properties.map(([key, value]) => [key, valueFor(value, document, depth + 1)])),
          { requiredKeys: [] },
        );
      }
      default:
        return anyJson;
    }
  })();
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: anyJson });
}

interface Document {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}

function resolve(schema: Schema | undefined, document: Document): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(document.components?.schemas?.[schema.$ref.split('/').pop()!], document);
  const [first] = schema.allOf ?? schema.oneOf ?? schema.anyOf ?? [];
  return first ? resolve(first, document) : schema;
}

/**
 * A property-based fuzz of the OpenAPI document (Schemathesis-style): every documented operation gets
 * generated path, query and body values — well-shaped, hostile, or anything — as a signed-in admin, and must
 * answer below 500 every time. A 5xx is a crash the product did not explain.
 */
describe('OpenAPI fuzz: every documented operation answers a generated request without a 5xx', () => {
  let testApp: TestApp;
  let auth: { Authorization: string };
  let document: Document;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ auth } = await loginAs(testApp));
    await testApp.http().post('/api/apps/import').set(auth).send(smallApp()).expect(200);
    document = (await testApp.http().get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => testApp.close());

  it('answers every generated request with less than 500', async () => {
    const crashes: string[] = [];
    let requests = 0;
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = operations[method];
        if (!operation) continue;
        // Signing out or switching workspace would only end the session the fuzz runs in.
        if (/\/auth\/(logout|refresh)|\/switch$/.test(route)) continue;
        const parameters = operation.parameters ?? [];
        const body = operation.requestBody?.content?.['application/json']?.schema;
        const request = fc.record({
          path: fc.record(
            Object.fromEntries(
              parameters
                .filter((parameter) => parameter.in === 'path')
                .map((parameter) => [
                  parameter.name,
                  // Mostly the real app, entity or id names the app has, so handlers run past the lookup.
                  fc.oneof(
                    {
                      weight: 2,
                      arbitrary: fc.constantFrom('propertyLite', 'room', 'workOrder', 'building'),
                    },
                    { weight: 1, arbitrary: valueFor(parameter.schema, document) },
                  ),
                ]),
            ),
          ),
          query: fc.record(
            Object.fromEntries(
              parameters
                .filter((parameter) => parameter.in === 'query')
                .map((parameter) => [parameter.name, valueFor(parameter.schema, document)]),
            ),
            { requiredKeys: [] },
          ),
          body: body ? valueFor(body, document) : fc.constant(undefined),
        });
        await fc
          .assert(
            fc.asyncProperty(request, async ({ path, query, body: payload }) => {
              const url = route.replace(/\{(\w+)\}/g, (_match, name: string) =>
                encodeURIComponent(String((path as Record<string, unknown>)[name])),
              );
              const search = new URLSearchParams(
                Object.entries(query as Record<string, unknown>).map(([key, value]): [string, string] => [
                  key,
                  typeof value === 'string' ? value : JSON.stringify(value),
                ]),
              ).toString();
              let call = testApp
                .http()
                [method](`${url}${search ? `?${search}` : ''}`)
                .set(auth);
              if (payload !== undefined) call = call.send(payload as object);
              const response = await call;
              requests += 1;
              if (response.status >= 500) {
                crashes.push(
                  `${method.toUpperCase()} ${url}?${search} ${JSON.stringify(payload)?.slice(0, 200)} → ${response.status}`,
                );
                return false;
              }
              return true;
            }),
            { numRuns: RUNS, seed: 20261130, endOnFailure: true },
          )
          .catch(() => undefined);
      }
    }
    console.log(`${requests} generated requests over ${Object.keys(document.paths).length} paths`);
    expect(crashes).toEqual([]);
  }, 600_000);
});
