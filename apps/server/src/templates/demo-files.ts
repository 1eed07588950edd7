import fs from 'node:fs';
import path from 'node:path';
import { type EntityManager } from 'typeorm';
import { type FilesService } from '../files/files.service';
import { type TemplateSource } from './template-registry';

interface DemoFileValue {
  id: string;
  name: string;
  size: number;
  mimeType: string;
}

const isDemoFile = (value: unknown): value is DemoFileValue =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as DemoFileValue).id === 'string' &&
  (value as DemoFileValue).id.startsWith('demo/') &&
  typeof (value as DemoFileValue).name === 'string' &&
  typeof (value as DemoFileValue).mimeType === 'string';

/**
 * Gives the demo's files bytes: every `demo/…` file value (a site photo, an ID scan, a signature, a PDF, a
 * voice note), at any depth of the records (sub-table rows too), becomes a stored file of the template's
 * drawings — each drawing stored once, in the install's transaction, and shared by the values it stands
 * for. A value keeps its name; its size and type are the drawing's. Answers how many files were stored.
 */
export async function storeDemoFiles(
  manager: EntityManager,
  files: FilesService,
  actor: { workspaceId: string; userId: string | null },
  source: Required<Pick<TemplateSource, 'demoFiles'>>['demoFiles'],
  records: Record<string, unknown[]>,
): Promise<number> {
  const stored = new Map<string, Promise<{ id: string; size: number; mimeType: string }>>();
  const storedFor = (value: DemoFileValue) => {
    const drawing = source.fileFor(value);
    let file = stored.get(drawing);
    if (!file) {
      file = files.save(manager, actor, {
        name: drawing,
        mimeType: value.mimeType,
        content: fs.readFileSync(path.join(source.dir, drawing)),
      });
      stored.set(drawing, file);
    }
    return file;
  };
  const replace = async (value: unknown): Promise<unknown> => {
    if (isDemoFile(value)) {
      const file = await storedFor(value);
      return { id: file.id, name: value.name, size: file.size, mimeType: file.mimeType };
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) value[index] = await replace(value[index]);
      return value;
    }
    if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) object[key] = await replace(object[key]);
    }
    return value;
  };
  for (const list of Object.values(records)) await replace(list);
  return stored.size;
}
