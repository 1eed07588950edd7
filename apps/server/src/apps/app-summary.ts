import { type LocalizedText } from '@lowcode/app-model';
import { type App } from './app.entity';

export interface AppSummary {
  key: string;
  label: LocalizedText;
  version: string;
  formatVersion: number;
  revision: number;
  updatedAt: string;
  counts: {
    entities: number;
    flows: number;
    rules: number;
    reports: number;
    dashboards: number;
    roles: number;
  };
}

export function toAppSummary(app: App): AppSummary {
  const { entities, flows, rules, reports, dashboards, roles } = app.definition;
  return {
    key: app.key,
    label: app.label,
    version: app.version,
    formatVersion: app.formatVersion,
    revision: app.revision,
    updatedAt: app.updatedAt.toISOString(),
    counts: {
      entities: entities.length,
      flows: flows.length,
      rules: rules.length,
      reports: reports.length,
      dashboards: dashboards.length,
      roles: roles.length,
    },
  };
}
