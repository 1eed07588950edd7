import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SERVER_MAIN = path.join(REPO_ROOT, 'apps/server/dist/main.js');

export interface ProductServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The product as `pnpm start` runs it: the built server serving the built web, with its own embedded
 * PostgreSQL in a temporary data directory (or DATABASE_URL when the run sets one).
 */
export async function startProductServer(environment: Record<string, string> = {}): Promise<ProductServer> {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run pnpm build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowcode-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOWCODE_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      // Fast, independent tests: no template at first start unless a test asks for one.
      LOWCODE_TEMPLATE: '',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const healthy = await fetch(`${url}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy && output.includes('is running at')) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      // The server runs at `warn`: its log records are failures and slow answers, what a failing test
      // needs to be understood; the start banner is left out.
      const records = output.split('\n').filter((line) => line.startsWith('{'));
      if (records.length > 0) console.warn(`The product server at ${url} logged:\n${records.join('\n')}`);
      return code;
    },
  };
}

/**
 * The product with the property template and a small demo company (about 30 people, 200 work orders): what
 * the journeys on the template run against. The demo members sign in with `demoPassword`.
 */
export function startPropertyServer(
  adminPassword: string,
  demoPassword: string,
  environment: Record<string, string> = {},
): Promise<ProductServer> {
  return startProductServer({
    ADMIN_PASSWORD: adminPassword,
    LOWCODE_TEMPLATE: 'property',
    LOWCODE_DEMO_SCALE: '0.02',
    LOWCODE_DEMO_PASSWORD: demoPassword,
    ...environment,
  });
}

/** The product's API as one signed-in user: JSON in and out; an error answer fails with its status and body. */
export type ApiCall = <T = unknown>(method: string, url: string, body?: unknown) => Promise<T>;

export async function signInToApi(
  server: ProductServer,
  username: string,
  password: string,
): Promise<ApiCall> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username} → ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
