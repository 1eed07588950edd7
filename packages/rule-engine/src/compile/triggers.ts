// Checks a rule's trigger against the app and builds its event matcher. One case per trigger type, checked
// for exhaustiveness by the compiler.
import { type AppDefinition, type EntityDefinition, type RuleTrigger } from '@lowcode/app-model';
import { RuleCompileError } from '../errors';
import { CronSyntaxError, parseCron } from '../time/cron';
import { isTimeZone } from '../time/zoned';
import { type RuleEvent } from '../types';
import { findEntity, findField } from './context';

export interface CompiledTrigger {
  entity: EntityDefinition | undefined;
  noRecord: boolean;
  matches(event: RuleEvent): boolean;
}

const DATE_TYPES = new Set(['date', 'datetime', 'createdAt', 'updatedAt']);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value ${JSON.stringify(value)}`);
}

function recordTrigger(entity: EntityDefinition, types: string[], test = (_e: RuleEvent) => true) {
  return {
    entity,
    noRecord: false,
    matches: (event: RuleEvent) =>
      event.type !== 'tick' &&
      event.type !== 'flow' &&
      types.includes(event.type) &&
      event.entity === entity.key &&
      test(event),
  };
}

export function compileTrigger(
  trigger: RuleTrigger,
  app: AppDefinition,
  ruleKey: string,
  path: string,
): CompiledTrigger {
  const tick = (event: RuleEvent) => event.type === 'tick' && event.ruleKey === ruleKey;
  switch (trigger.type) {
    case 'recordCreated':
      return recordTrigger(findEntity(app, trigger.entity, `${path}.entity`), ['created']);
    case 'recordUpdated':
      // A save that changed nothing fires nothing.
      return recordTrigger(findEntity(app, trigger.entity, `${path}.entity`), ['updated'], (event) =>
        event.type === 'updated' ? event.changes.length > 0 : false,
      );
    case 'recordDeleted':
      return recordTrigger(findEntity(app, trigger.entity, `${path}.entity`), ['deleted']);
    case 'fieldChanged': {
      const entity = findEntity(app, trigger.entity, `${path}.entity`);
      trigger.fields.forEach((field, index) => findField(entity, field, `${path}.fields.${index}`));
      const fields = new Set(trigger.fields);
      return recordTrigger(entity, ['created', 'updated'], (event) =>
        event.type === 'created' || event.type === 'updated'
          ? event.changes.some((change) => fields.has(change.field))
          : false,
      );
    }
    case 'flowEvent': {
      const flow = app.flows.find((item) => item.key === trigger.flow);
      if (!flow) throw new RuleCompileError('unknownFlow', `${path}.flow`, { flow: trigger.flow });
      return {
        entity: findEntity(app, flow.entity, `${path}.flow`),
        noRecord: false,
        matches: (event) => event.type === 'flow' && event.flow === flow.key && event.event === trigger.event,
      };
    }
    case 'schedule': {
      try {
        parseCron(trigger.cron);
      } catch (error) {
        if (!(error instanceof CronSyntaxError)) throw error;
        throw new RuleCompileError('invalidCron', `${path}.cron`, {
          cron: trigger.cron,
          reason: error.message,
        });
      }
      if (trigger.timezone !== undefined && !isTimeZone(trigger.timezone))
        throw new RuleCompileError('invalidTimeZone', `${path}.timezone`, { timeZone: trigger.timezone });
      return { entity: undefined, noRecord: true, matches: tick };
    }
    case 'dateRelative': {
      const entity = findEntity(app, trigger.entity, `${path}.entity`);
      const field = findField(entity, trigger.field, `${path}.field`);
      if (field && !DATE_TYPES.has(field.type))
        throw new RuleCompileError('unknownField', `${path}.field`, {
          entity: entity.key,
          field: trigger.field,
        });
      const offset = trigger.offsetDays;
      if (!Number.isInteger(offset) || Math.abs(offset) > 3660)
        throw new RuleCompileError('invalidOffset', `${path}.offsetDays`, { value: String(offset) });
      if (trigger.at !== undefined && !TIME.test(trigger.at))
        throw new RuleCompileError('invalidTime', `${path}.at`, { value: trigger.at });
      return { entity, noRecord: false, matches: tick };
    }
    default:
      return assertUnreachable(trigger);
  }
}

export function timeZoneOrThrow(timeZone: string, path: string): string {
  if (!isTimeZone(timeZone)) throw new RuleCompileError('invalidTimeZone', path, { timeZone });
  return timeZone;
}
