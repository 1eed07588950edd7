import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  documentParts,
  placeholderProblem,
  sectionProblems,
  type DocumentTemplate,
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
} from '@lowcode/app-model';
import { Alert, Button, Empty, Flex, Form, Input, Modal, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { KEY_RE } from './designerReducer';
import { InsertFieldSelect, insertFieldName } from './InsertFieldSelect';

/**
 * The placeholders of a body that cannot be filled, as the server's validation finds them: those naming no
 * field (sections' marks too), those whose format (`|大写`) is unknown or asks capitals of a field that is no
 * amount, and section marks that do not pair up.
 */
export function unknownPlaceholders(entity: EntityDefinition, body: string): string[] {
  const parts = documentParts(body);
  const placeholders = parts.flatMap((part) => {
    if ('section' in part)
      return placeholderProblem(entity, { placeholder: part.section })
        ? [`${part.when === 'filled' ? '#' : '^'}${part.section}`]
        : [];
    if (!('placeholder' in part)) return [];
    const problem = placeholderProblem(entity, part);
    if (!problem) return [];
    return [problem === 'unknownField' ? part.placeholder : `${part.placeholder}|${part.format}`];
  });
  const unpaired = sectionProblems(parts).map(({ name, problem }) =>
    problem === 'unclosedSection' ? `#${name}` : `/${name}`,
  );
  return [...placeholders, ...unpaired];
}

const STARTER = (entity: EntityDefinition, locale: Locale) =>
  `# ${localize(entity.label, locale)}\n${entity.fields
    .slice(0, 4)
    .map((field) => `${localize(field.label, locale)}：{${localize(field.label, locale)}}`)
    .join('\n')}`;

/**
 * The entity's print templates (a lease contract, a dispatch slip): each a name and a text with `{field}`
 * placeholders, fields inserted from a list at the cursor; placeholders that name no field are listed.
 */
export function DocumentsEditor({
  entity,
  locale,
  open,
  onClose,
  onChange,
}: {
  entity: EntityDefinition;
  locale: Locale;
  open: boolean;
  onClose(): void;
  onChange(documents: DocumentTemplate[] | undefined): void;
}) {
  const { t } = useTranslation();
  const documents = entity.documents ?? [];
  const [active, setActive] = useState<string | undefined>(documents[0]?.key);
  const [cursor, setCursor] = useState<number | null>(null);
  const current = documents.find((document) => document.key === active) ?? documents[0];
  const replace = (next: DocumentTemplate) =>
    onChange(documents.map((document) => (document.key === current?.key ? next : document)));
  const add = () => {
    let n = documents.length + 1;
    while (documents.some((document) => document.key === `document${n}`)) n += 1;
    const document: DocumentTemplate = {
      key: `document${n}`,
      label: { 'zh-CN': `${localize(entity.label, 'zh-CN')}打印单` },
      body: STARTER(entity, locale),
    };
    onChange([...documents, document]);
    setActive(document.key);
  };
  const remove = () => {
    const rest = documents.filter((document) => document.key !== current?.key);
    onChange(rest.length > 0 ? rest : undefined);
    setActive(rest[0]?.key);
  };
  const insert = (field: FieldDefinition) => {
    if (!current) return;
    const inserted = insertFieldName(current.body, cursor, field, locale);
    replace({ ...current, body: inserted.text });
    setCursor(inserted.cursor);
  };
  const unknown = current ? unknownPlaceholders(entity, current.body) : [];
  return (
    <Modal
      open={open}
      width={760}
      title={t('designer.documents.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('designer.documents.done')}</Button>}
      destroyOnClose
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Tabs
          activeKey={current?.key}
          onChange={setActive}
          items={documents.map((document) => ({
            key: document.key,
            label: localize(document.label, locale),
          }))}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Button icon={<PlusOutlined />} onClick={add} data-testid="designer-document-add">
          {t('designer.documents.add')}
        </Button>
      </Flex>
      {current ? (
        <Form layout="vertical">
          <Flex gap={8} wrap>
            <Form.Item label={t('designer.documents.labelZh')} style={{ flex: '1 1 200px' }}>
              <Input
                value={current.label['zh-CN']}
                onChange={(e) =>
                  replace({ ...current, label: { ...current.label, 'zh-CN': e.target.value } })
                }
                data-testid="designer-document-label"
              />
            </Form.Item>
            <Form.Item label={t('designer.documents.labelEn')} style={{ flex: '1 1 200px' }}>
              <Input
                value={current.label.en ?? ''}
                onChange={(e) => replace({ ...current, label: { ...current.label, en: e.target.value } })}
              />
            </Form.Item>
            <Form.Item
              label={t('designer.key')}
              style={{ flex: '0 1 160px' }}
              validateStatus={KEY_RE.test(current.key) ? undefined : 'error'}
            >
              <Input
                className="mono"
                value={current.key}
                onChange={(e) => {
                  const key = e.target.value.trim();
                  if (documents.some((document) => document !== current && document.key === key)) return;
                  replace({ ...current, key });
                  setActive(key);
                }}
              />
            </Form.Item>
          </Flex>
          <Form.Item
            label={t('designer.documents.body')}
            extra={t('designer.documents.bodyHelp')}
            style={{ marginBottom: 6 }}
          >
            <InsertFieldSelect
              fields={entity.fields}
              locale={locale}
              onPick={insert}
              testId="designer-document-insert"
            />
          </Form.Item>
          <Form.Item
            validateStatus={unknown.length ? 'error' : undefined}
            help={
              unknown.length
                ? t('designer.documents.unknown', { names: unknown.map((name) => `{${name}}`).join('、') })
                : undefined
            }
          >
            <Input.TextArea
              value={current.body}
              autoSize={{ minRows: 10, maxRows: 24 }}
              onChange={(e) => replace({ ...current, body: e.target.value })}
              onSelect={(e) => setCursor(e.currentTarget.selectionStart)}
              data-testid="designer-document-body"
            />
          </Form.Item>
          <Button danger icon={<DeleteOutlined />} onClick={remove}>
            {t('designer.documents.remove')}
          </Button>
        </Form>
      ) : (
        <Empty description={t('designer.documents.none')} />
      )}
      {documents.length > 0 ? (
        <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('designer.documents.where')} />
      ) : null}
    </Modal>
  );
}
