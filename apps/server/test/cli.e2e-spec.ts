import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { splitAppDefinition } from '@lowcode/app-model';
import { createProgram } from '../src/cli/program';
import { SMALL_APP_FILE, smallApp } from './support/fixtures';
import { TestDatabase } from './support/test-database';

/** Runs `lowcode …` in-process against a fresh database, capturing what it prints. */
async function lowcode(...args: string[]): Promise<string> {
  let output = '';
  const program = createProgram({ stdout: (text) => (output += text), stderr: (text) => (output += text) });
  await program.parseAsync(['node', 'lowcode', ...args]);
  return output;
}

describe('lowcode CLI', () => {
  let database: TestDatabase;
  const savedEnvironment = { ...process.env };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowcode-cli-'));

  beforeAll(async () => {
    database = await TestDatabase.create();
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      ADMIN_PASSWORD: 'cli-admin-pw',
      LOWCODE_TEMPLATE: '', // the CLI boots the server's modules: no template at first start
    });
  });
  afterAll(async () => {
    process.env = savedEnvironment;
    fs.rmSync(workDir, { recursive: true, force: true });
    await database.drop();
  });

  it('previews, imports and exports an app file; the export is the canonical text', async () => {
    const preview = await lowcode('import', SMALL_APP_FILE, '--dry-run');
    expect(preview).toMatch(new RegExp(`^${smallApp().key}: create \\(would apply \\d+ change\\(s\\)\\)`));
    expect(await database.query('SELECT 1 FROM app')).toHaveLength(0);

    expect(await lowcode('import', SMALL_APP_FILE)).toMatch(/: create \(did apply/);
    const outFile = path.join(workDir, 'exported.json');
    await lowcode('export', smallApp().key, '--out', outFile);
    expect(fs.readFileSync(outFile, 'utf8')).toBe(fs.readFileSync(SMALL_APP_FILE, 'utf8'));
  });

  it('imports the directory form of the same app as unchanged', async () => {
    const folder = path.join(workDir, 'app-dir');
    for (const [relative, text] of Object.entries(splitAppDefinition(smallApp()))) {
      fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
      fs.writeFileSync(path.join(folder, relative), text);
    }
    expect(await lowcode('import', folder)).toMatch(/: unchanged/);
  });

  it('refuses an invalid file with every problem and changes nothing', async () => {
    const broken = smallApp();
    (broken.entities[0]!.fields[0] as { type: string }).type = 'banana';
    const file = path.join(workDir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(broken));
    await expect(lowcode('import', file)).rejects.toMatchObject({ code: 'APP_DEFINITION_INVALID' });
    const [row] = await database.query<{ revision: number }>('SELECT revision FROM app');
    expect(row!.revision).toBe(1);
  });

  it('creates a user who can then log in to the workspace', async () => {
    const output = await lowcode('user', 'create', '--username', 'butler1', '--role', 'member');
    expect(output).toMatch(/^created butler1 \(member of default\) with password \S+/);
    const members = await database.query<{ role: string }>(
      "SELECT m.role FROM workspace_member m JOIN app_user u ON u.id = m.user_id WHERE u.username = 'butler1'",
    );
    expect(members).toEqual([{ role: 'member' }]);
    await expect(lowcode('user', 'create', '--username', 'BUTLER1', '--password', 'x')).rejects.toMatchObject(
      {
        code: 'USERNAME_TAKEN',
      },
    );
  });

  it('lists and installs a template from the gallery', async () => {
    expect(await lowcode('template', 'list')).toMatch(/^property {2}v\S+ {2}物业管理 {2}\(not installed\)/);
    expect(await lowcode('template', 'install', 'property', '--dry-run')).toMatch(
      /^property: create \(would apply/,
    );
    expect(await lowcode('template', 'install', 'property')).toMatch(/^property: create \(did apply/);
    expect(await lowcode('template', 'list')).toMatch(/\(installed v/);
  });
});
