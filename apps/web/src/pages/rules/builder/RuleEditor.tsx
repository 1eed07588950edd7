import { SaveOutlined } from '@ant-design/icons';
import type { AppDefinition, Locale, RuleDefinition } from '@lowcode/app-model';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Switch } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stableStringify } from '@lowcode/form-engine';
import { useUnsavedChangesGuard } from '../../../hooks/useUnsavedChangesGuard';
import { SaveDialog } from '../../designer/SaveDialog';
import { useDesignerSave } from '../../designer/useDesignerSave';
import { ActionsEditor } from './ActionsEditor';
import { ConditionEditor } from './ConditionEditor';
import { issuesOfRule, isValidKey, triggerEntity, withRule, type RuleSection } from './ruleDraft';
import { TriggerEditor } from './TriggerEditor';

/**
 * Creates or edits one rule. Save puts it into the app definition and imports that (dry run shows the change,
 * confirm imports with the revision the editor started from); problems come back with their JSON path and are
 * shown at the control they belong to.
 */
export function RuleEditor({
  app,
  revision,
  rule: initial,
  isNew,
  locale,
  onSaved,
}: {
  app: AppDefinition;
  revision: number;
  rule: RuleDefinition;
  isNew: boolean;
  locale: Locale;
  onSaved(rule: RuleDefinition): void;
}) {
  const { t } = useTranslation();
  const [rule, setRule] = useState<RuleDefinition>(initial);
  const guard = useUnsavedChangesGuard(stableStringify(rule) !== stableStringify(initial));
  const save = useDesignerSave(revision, locale, () => {
    guard.release();
    onSaved(rule);
  });
  const entityKey = triggerEntity(rule.trigger, app);
  const entity = app.entities.find((candidate) => candidate.key === entityKey);
  const index = isNew ? app.rules.length : app.rules.findIndex((candidate) => candidate.key === initial.key);

  // Kept after the dialog closes, so the problems stay at their controls while the builder fixes them.
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  useEffect(() => {
    if (save.state.step === 'invalid') setProblems(save.state.issues);
    else if (save.state.step === 'failed') setProblems(save.state.details);
    else if (save.state.step === 'previewed') setProblems([]);
  }, [save.state]);
  const issues = useMemo(() => issuesOfRule(problems, index, rule.key), [problems, index, rule.key]);
  const errorsOf = (section: RuleSection) =>
    issues.filter((issue) => issue.section === section).map((issue) => issue.message);
  const keyTaken = isNew && app.rules.some((candidate) => candidate.key === rule.key);
  const keyError = !isValidKey(rule.key)
    ? t('rules.editor.badKey')
    : keyTaken
      ? t('rules.editor.keyTaken')
      : errorsOf('key')[0];
  const labelError =
    rule.label['zh-CN'].trim() === '' ? t('rules.editor.labelRequired') : errorsOf('label')[0];
  const canSave = !keyError && rule.label['zh-CN'].trim() !== '';

  return (
    <Form layout="vertical" data-testid="rule-editor">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rules.editor.basics')}>
            <Form.Item
              label={t('rules.editor.labelZh')}
              required
              validateStatus={labelError ? 'error' : undefined}
              help={labelError}
              style={{ marginBottom: 12 }}
            >
              <Input
                data-testid="rule-label-zh"
                value={rule.label['zh-CN']}
                onChange={(event) =>
                  setRule({ ...rule, label: { ...rule.label, 'zh-CN': event.target.value } })
                }
              />
            </Form.Item>
            <Form.Item label={t('rules.editor.labelEn')} style={{ marginBottom: 12 }}>
              <Input
                data-testid="rule-label-en"
                value={rule.label.en ?? ''}
                onChange={(event) => setRule({ ...rule, label: { ...rule.label, en: event.target.value } })}
              />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item
                label={t('rules.editor.key')}
                validateStatus={keyError ? 'error' : undefined}
                help={keyError ?? (isNew ? t('rules.editor.keyHelp') : t('rules.editor.keyLocked'))}
                style={{ marginBottom: 12, flex: '1 1 200px' }}
              >
                <Input
                  data-testid="rule-key"
                  className="mono"
                  disabled={!isNew}
                  value={rule.key}
                  onChange={(event) => setRule({ ...rule, key: event.target.value.trim() })}
                />
              </Form.Item>
              <Form.Item label={t('rules.editor.enabledInDefinition')} style={{ marginBottom: 12 }}>
                <Switch
                  data-testid="rule-enabled"
                  checked={rule.enabled !== false}
                  onChange={(enabled) => setRule({ ...rule, enabled })}
                />
              </Form.Item>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rules.editor.trigger')}>
            <TriggerEditor
              value={rule.trigger}
              app={app}
              locale={locale}
              errors={errorsOf('trigger')}
              onChange={(trigger) => setRule({ ...rule, trigger })}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('rules.editor.condition')}>
            <ConditionEditor
              key={entityKey ?? '-'}
              value={rule.condition}
              app={app}
              entity={entity}
              locale={locale}
              errors={errorsOf('condition')}
              onChange={(condition) => setRule({ ...rule, condition })}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('rules.editor.actions')}>
            <ActionsEditor
              value={rule.actions}
              app={app}
              entityKey={entityKey}
              locale={locale}
              errorsAt={(actionIndex) => errorsOf(`actions.${actionIndex}`)}
              onChange={(actions) => setRule({ ...rule, actions })}
            />
          </Card>
        </Col>
      </Row>
      {errorsOf('other').map((error) => (
        <Alert key={error} type="error" showIcon message={error} style={{ marginTop: 12 }} />
      ))}
      {issues.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          message={t('rules.editor.fixProblems', { count: issues.length })}
        />
      ) : null}
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          data-testid="rule-save"
          disabled={!canSave}
          loading={save.state.step === 'checking'}
          onClick={() => void save.start(withRule(app, rule, isNew ? undefined : initial.key))}
        >
          {t('rules.editor.save')}
        </Button>
      </Flex>
      <SaveDialog
        what="rule"
        // Problems of this rule are shown at their controls; the dialog lists them too, with their paths.
        state={save.state}
        onConfirm={() => void save.confirm()}
        onClose={save.close}
      />
    </Form>
  );
}
