// Reads and writes the template's app definition in directory form (app.json plus one file per entity,
// flow, rule, report and dashboard). The format package stays pure; the file system lives here.
import fs from 'node:fs';
import path from 'node:path';
import {
  type AppDefinition,
  type AppDefinitionFiles,
  type AppModelIssue,
  assembleAppDefinition,
  splitAppDefinition,
  validateAppDefinition,
} from '@lowcode/app-model';

/** The sections that live in their own folder, in the order `app.json` lists them. */
export const SECTIONS = ['entities', 'flows', 'rules', 'reports', 'dashboards'] as const;

/** `templates/property/app`, resolved the same from `src/` (tests) and `dist/` (built package). */
export const TEMPLATE_DIR = path.resolve(__dirname, '../app');

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;

/** The JSON files of one section folder, sorted by name so reading is deterministic. */
function sectionFiles(dir: string, section: string): string[] {
  const folder = path.join(dir, section);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(folder, name));
}

/** Reads a directory-form app and assembles it into one document (not yet validated). */
export function readAppDirectory(dir: string = TEMPLATE_DIR): unknown {
  const parts: Record<string, unknown> = { app: readJson(path.join(dir, 'app.json')) };
  for (const section of SECTIONS) parts[section] = sectionFiles(dir, section).map(readJson);
  return assembleAppDefinition(parts as Parameters<typeof assembleAppDefinition>[0]);
}

export class TemplateInvalidError extends Error {
  constructor(readonly issues: AppModelIssue[]) {
    super(`The property template is invalid:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'TemplateInvalidError';
  }
}

/** Validates an assembled app; errors throw, and so do warnings when `strict` (the template ships with none). */
export function requireValidApp(input: unknown, strict = false): AppDefinition {
  const result = validateAppDefinition(input);
  if (!result.ok) throw new TemplateInvalidError(result.errors);
  if (strict && result.warnings.length > 0) throw new TemplateInvalidError(result.warnings);
  return result.app;
}

/** Every JSON file currently in the directory form, as relative path → text. */
export function readDirectoryFiles(dir: string = TEMPLATE_DIR): AppDefinitionFiles {
  const files: AppDefinitionFiles = {};
  const appFile = path.join(dir, 'app.json');
  if (fs.existsSync(appFile)) files['app.json'] = fs.readFileSync(appFile, 'utf8');
  for (const section of SECTIONS) {
    for (const file of sectionFiles(dir, section)) {
      files[`${section}/${path.basename(file)}`] = fs.readFileSync(file, 'utf8');
    }
  }
  return files;
}

/** Paths whose text differs between two file maps (added, removed or changed). */
export function diffFiles(expected: AppDefinitionFiles, actual: AppDefinitionFiles): string[] {
  const paths = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...paths].filter((file) => expected[file] !== actual[file]).sort();
}

/** Writes the canonical directory form of `app` into `dir`, removing section files it no longer has. */
export function writeAppDirectory(app: AppDefinition, dir: string = TEMPLATE_DIR): string[] {
  const expected = splitAppDefinition(app);
  const changed = diffFiles(expected, readDirectoryFiles(dir));
  for (const file of changed) {
    const target = path.join(dir, file);
    const text = expected[file];
    if (text === undefined) fs.rmSync(target);
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
  }
  return changed;
}
