import { type AppDefinition } from '@lowcode/app-model';
import { type DemoData, generateDemoData, loadPropertyTemplate } from '@lowcode/template-property';

/** An installable template: its definition and, optionally, a demo company to load with it. */
export interface TemplateSource {
  key: string;
  load(): AppDefinition;
  demo?: (options: { seed: number; scale: number }) => DemoData;
}

export const TEMPLATE_SOURCES: readonly TemplateSource[] = [
  {
    key: 'property',
    load: loadPropertyTemplate,
    demo: ({ seed, scale }) => generateDemoData({ seed, scale }),
  },
];
