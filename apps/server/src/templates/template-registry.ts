import { type AppDefinition } from '@lowcode/app-model';
import {
  DEMO_FILES_DIR,
  type DemoData,
  demoFileFor,
  generateDemoData,
  loadPropertyTemplate,
} from '@lowcode/template-property';

/** An installable template: its definition and, optionally, a demo company to load with it. */
export interface TemplateSource {
  key: string;
  load(): AppDefinition;
  demo?: (options: { seed: number; scale: number }) => DemoData;
  /** The drawn files the demo's `demo/…` file values are stored as: where they are, and which is which. */
  demoFiles?: { dir: string; fileFor(value: { id: string }): string };
  /**
   * App roles whose `<role>1` demo login goes, once the demo's flows have run, to the member of the role with
   * the most open tasks (the README sends people to technician1 for orders to accept).
   */
  showcaseRoles?: string[];
}

export const TEMPLATE_SOURCES: readonly TemplateSource[] = [
  {
    key: 'property',
    load: loadPropertyTemplate,
    demo: ({ seed, scale }) => generateDemoData({ seed, scale }),
    demoFiles: { dir: DEMO_FILES_DIR, fileFor: demoFileFor },
    showcaseRoles: ['technician'],
  },
];
