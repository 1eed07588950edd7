// Public API of @lowcode/template-property: the property-management app definition (read from the
// directory form in ../app) and a deterministic demo company to load with it.
import { type AppDefinition } from '@lowcode/app-model';
import { TEMPLATE_DIR, readAppDirectory, requireValidApp } from './app-directory';

export { type DemoData, type DemoRecord } from './demo/context';
export { DEMO_FILES_DIR, demoFileFor } from './demo/files';
export { DEMO_ENTITY_ORDER, generateDemoData, type DemoOptions } from './demo/generate';
export { TEMPLATE_DIR, TemplateInvalidError, readAppDirectory } from './app-directory';
export { creditCodeCheck, residentIdCheck } from './demo/identity';

/** The template as one validated app definition. Throws `TemplateInvalidError` if the files were broken. */
export function loadPropertyTemplate(): AppDefinition {
  return requireValidApp(readAppDirectory(TEMPLATE_DIR));
}
