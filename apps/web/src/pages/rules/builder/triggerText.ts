import type { AppDefinition, Locale, RuleTrigger } from '@lowcode/app-model';
import type { TFunction } from 'i18next';
import { localize } from '../../../hooks/useLocale';
import { describeCron } from './schedule';

function entityLabel(app: AppDefinition, key: string, locale: Locale): string {
  const entity = app.entities.find((candidate) => candidate.key === key);
  return entity ? localize(entity.label, locale) : key;
}

export function fieldLabel(app: AppDefinition, entityKey: string, fieldKey: string, locale: Locale): string {
  const field = app.entities
    .find((candidate) => candidate.key === entityKey)
    ?.fields.find((candidate) => candidate.key === fieldKey);
  return field ? localize(field.label, locale) : fieldKey;
}

/** "7 days before 合同.结束日期 at 09:00": the date-relative trigger in words. */
export function describeDateRelative(
  trigger: Extract<RuleTrigger, { type: 'dateRelative' }>,
  app: AppDefinition,
  locale: Locale,
  t: TFunction,
): string {
  const field = `${entityLabel(app, trigger.entity, locale)}.${fieldLabel(app, trigger.entity, trigger.field, locale)}`;
  const at = trigger.at ?? '00:00';
  const days = Math.abs(trigger.offsetDays);
  if (trigger.offsetDays === 0) return t('rules.triggerText.dateSameDay', { field, at });
  return trigger.offsetDays < 0
    ? t('rules.triggerText.dateBefore', { count: days, field, at })
    : t('rules.triggerText.dateAfter', { count: days, field, at });
}

/** The trigger in plain words for the rule list and the editor ("When 评分 of a 工单 changes"). */
export function describeTrigger(
  trigger: RuleTrigger,
  app: AppDefinition,
  locale: Locale,
  t: TFunction,
): string {
  switch (trigger.type) {
    case 'recordCreated':
    case 'recordUpdated':
    case 'recordDeleted':
      return t(`rules.triggerText.${trigger.type}`, { entity: entityLabel(app, trigger.entity, locale) });
    case 'fieldChanged':
      return t('rules.triggerText.fieldChanged', {
        entity: entityLabel(app, trigger.entity, locale),
        fields: trigger.fields
          .map((field) => fieldLabel(app, trigger.entity, field, locale))
          .join(t('rules.triggerText.listSeparator')),
      });
    case 'flowEvent': {
      const flow = app.flows.find((candidate) => candidate.key === trigger.flow);
      return t('rules.triggerText.flowEvent', {
        flow: flow ? localize(flow.label, locale) : trigger.flow,
        event: t(`rules.flowEvents.${trigger.event}`),
      });
    }
    case 'schedule': {
      const text = describeCron(trigger.cron, locale);
      return text.ok ? text.text : t('rules.triggerText.badCron', { cron: trigger.cron });
    }
    case 'dateRelative':
      return describeDateRelative(trigger, app, locale, t);
  }
}
