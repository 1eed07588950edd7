// Rewrites templates/property/app in canonical form: assemble → validate (no errors, no warnings) → split.
//   node dist/cli/write-canonical.js            rewrite the files that are not canonical
//   node dist/cli/write-canonical.js --check    only report them (exit 1 when any)
//   node dist/cli/write-canonical.js --from app.json   replace the directory with a single-file app
import fs from 'node:fs';
import { splitAppDefinition } from '@lowcode/app-model';
import {
  TEMPLATE_DIR,
  TemplateInvalidError,
  diffFiles,
  readAppDirectory,
  readDirectoryFiles,
  requireValidApp,
  writeAppDirectory,
} from '../app-directory';

function main(args: string[]): number {
  const fromIndex = args.indexOf('--from');
  const from = fromIndex >= 0 ? args[fromIndex + 1] : undefined;
  const input: unknown = from ? JSON.parse(fs.readFileSync(from, 'utf8')) : readAppDirectory(TEMPLATE_DIR);
  const app = requireValidApp(input, true);
  if (args.includes('--check')) {
    const changed = diffFiles(splitAppDefinition(app), readDirectoryFiles(TEMPLATE_DIR));
    for (const file of changed) console.error(`not canonical: ${file}`);
    return changed.length === 0 ? 0 : 1;
  }
  const changed = writeAppDirectory(app, TEMPLATE_DIR);
  console.log(changed.length === 0 ? 'All files canonical.' : `Rewrote ${changed.length} file(s).`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof TemplateInvalidError) console.error(error.message);
  else throw error;
  process.exitCode = 1;
}
