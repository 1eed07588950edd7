import fs from 'node:fs';
import path from 'node:path';
import { assembleAppDefinition } from '@lowcode/app-model';

const SECTIONS = ['entities', 'flows', 'rules', 'reports', 'dashboards'] as const;

/**
 * Reads an app definition from a single JSON file or from the directory form (app.json plus one file per
 * entity, flow, rule, report and dashboard — docs/app-definition.md). Parse errors name the file.
 */
export function readAppSource(source: string): unknown {
  const stat = fs.statSync(source);
  if (stat.isFile()) return readJson(source);

  const parts: Parameters<typeof assembleAppDefinition>[0] = { app: readJson(path.join(source, 'app.json')) };
  for (const section of SECTIONS) {
    const folder = path.join(source, section);
    if (!fs.existsSync(folder)) continue;
    parts[section] = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => readJson(path.join(folder, name)));
  }
  return assembleAppDefinition(parts);
}

function readJson(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
