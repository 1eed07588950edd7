import { PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import type { AppDefinition, EntityDefinition, Locale } from '@lowcode/app-model';
import { stableStringify } from '@lowcode/form-engine';
import { AutoComplete, Button, Card, Flex, Input, Select, Space, Switch, Typography } from 'antd';
import { useReducer, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../api/types';
import { localize } from '../../hooks/useLocale';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard';
import { nextEntityKey, withEntity } from './buildDefinition';
import { Canvas } from './Canvas';
import { DocumentsEditor } from './DocumentsEditor';
import { designerReducer, initialDesignerState, KEY_RE } from './designerReducer';
import { Palette } from './Palette';
import { PreviewPane } from './PreviewPane';
import { PropertyPanel } from './PropertyPanel';
import { SaveDialog } from './SaveDialog';
import { useDesignerSave } from './useDesignerSave';

function newEntity(app: AppDefinition): EntityDefinition {
  return { key: nextEntityKey(app), label: { 'zh-CN': '新实体', en: 'New entity' }, fields: [] };
}

/** Palette | canvas (or live preview) | properties, with the entity's own settings and Save above. */
export function DesignerWorkspace(props: {
  app: AppDefinition;
  revision: number;
  entity: EntityDefinition | undefined;
  locale: Locale;
  back: ReactNode;
  onSaved(entityKey: string, result: ImportResult): void;
}) {
  const { app, revision, entity: stored, locale, back, onSaved } = props;
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(designerReducer, undefined, () =>
    initialDesignerState(
      stored ?? newEntity(app),
      !!stored,
      app.entities.map((e) => e.key),
    ),
  );
  const [previewing, setPreviewing] = useState(false);
  const [editingDocuments, setEditingDocuments] = useState(false);
  const { entity } = state;
  const definition = withEntity(app, entity, stored?.key ?? null);
  const selected = entity.fields.find((f) => f.key === state.selectedKey);
  const groupOptions = [
    ...new Set(definition.entities.flatMap((other) => (other.group ? [other.group['zh-CN']] : []))),
  ].map((value) => ({ value }));
  const dirty = !stored || stableStringify(stored) !== stableStringify(entity);
  // A new entity can be saved as it is, but leaving it untouched loses nothing.
  const [started] = useState(entity);
  const guard = useUnsavedChangesGuard(stableStringify(stored ?? started) !== stableStringify(entity));
  const save = useDesignerSave(revision, locale, (result) => {
    guard.release();
    onSaved(entity.key, result);
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('designer.title')}
        </Typography.Title>
        <Input
          style={{ width: 160 }}
          value={entity.label['zh-CN']}
          data-testid="designer-entity-label-zh"
          addonBefore="中文"
          onChange={(e) =>
            dispatch({ type: 'updateEntity', patch: { label: { ...entity.label, 'zh-CN': e.target.value } } })
          }
        />
        <Input
          style={{ width: 160 }}
          value={entity.label.en ?? ''}
          data-testid="designer-entity-label-en"
          addonBefore="EN"
          onChange={(e) =>
            dispatch({ type: 'updateEntity', patch: { label: { ...entity.label, en: e.target.value } } })
          }
        />
        <Input
          style={{ width: 150 }}
          className="mono"
          addonBefore={t('designer.key')}
          disabled={!!stored}
          status={KEY_RE.test(entity.key) ? undefined : 'error'}
          value={entity.key}
          onChange={(e) => dispatch({ type: 'updateEntity', patch: { key: e.target.value } })}
          data-testid="designer-entity-key"
        />
        <AutoComplete
          style={{ width: 140 }}
          placeholder={t('designer.group')}
          title={t('designer.groupHelp')}
          value={entity.group?.['zh-CN'] ?? ''}
          options={groupOptions}
          onChange={(name: string) => {
            const label = name.trim();
            // A section named as another entity's keeps that section's English name.
            const same = definition.entities.find((other) => other.group?.['zh-CN'] === label)?.group;
            dispatch({
              type: 'updateEntity',
              patch: { group: label ? { ...same, 'zh-CN': label } : undefined },
            });
          }}
          data-testid="designer-entity-group"
        />
        <Select
          style={{ width: 160 }}
          placeholder={t('designer.titleField')}
          value={entity.titleField}
          allowClear
          options={entity.fields.map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
          onChange={(titleField: string | undefined) =>
            dispatch({ type: 'updateEntity', patch: { titleField } })
          }
        />
        <Select
          mode="multiple"
          style={{ minWidth: 200, maxWidth: 420 }}
          maxTagCount="responsive"
          placeholder={t('designer.listFields')}
          title={t('designer.listFieldsHelp')}
          value={entity.listFields ?? []}
          options={entity.fields
            .filter((f) => f.type !== 'subTable')
            .map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
          onChange={(listFields: string[]) =>
            dispatch({
              type: 'updateEntity',
              patch: { listFields: listFields.length > 0 ? listFields : undefined },
            })
          }
          data-testid="designer-list-fields"
        />
        <Select
          mode="multiple"
          style={{ minWidth: 200, maxWidth: 420 }}
          maxTagCount="responsive"
          placeholder={t('designer.createFields')}
          title={t('designer.createFieldsHelp')}
          value={entity.createFields ?? []}
          options={entity.fields.map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
          onChange={(createFields: string[]) =>
            dispatch({
              type: 'updateEntity',
              patch: { createFields: createFields.length > 0 ? createFields : undefined },
            })
          }
          data-testid="designer-create-fields"
        />
        <Button
          icon={<PrinterOutlined />}
          onClick={() => setEditingDocuments(true)}
          data-testid="designer-documents"
        >
          {t('designer.documents.button', { count: entity.documents?.length ?? 0 })}
        </Button>
        <div style={{ flex: 1 }} />
        <Space>
          <Switch checked={previewing} onChange={setPreviewing} data-testid="designer-preview-toggle" />
          {t('designer.previewToggle')}
        </Space>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!dirty}
          loading={save.state.step === 'checking'}
          onClick={() => void save.start(definition)}
          data-testid="designer-save"
        >
          {t('designer.save.button')}
        </Button>
      </Flex>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: '260px minmax(0, 1fr) 340px',
          gap: 12,
          alignItems: 'start',
        }}
      >
        <Card
          size="small"
          title={t('designer.palette')}
          styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}
        >
          <Palette
            locale={locale}
            onAdd={(fieldType) => dispatch({ type: 'add', fieldType, index: entity.fields.length })}
          />
        </Card>
        <Card size="small" title={previewing ? t('designer.previewToggle') : t('designer.canvas')}>
          {previewing ? (
            <PreviewPane key={stableStringify(entity)} app={definition} entity={entity} locale={locale} />
          ) : (
            <Canvas
              app={definition}
              entity={entity}
              locale={locale}
              selectedKey={state.selectedKey}
              dispatch={dispatch}
            />
          )}
        </Card>
        <Card
          size="small"
          title={t('designer.properties')}
          styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}
        >
          <PropertyPanel
            app={definition}
            entity={entity}
            field={selected}
            saved={!!selected && state.savedKeys.includes(selected.key)}
            locale={locale}
            dispatch={dispatch}
          />
        </Card>
      </div>
      <DocumentsEditor
        entity={entity}
        locale={locale}
        open={editingDocuments}
        onClose={() => setEditingDocuments(false)}
        onChange={(documents) => dispatch({ type: 'updateEntity', patch: { documents } })}
      />
      <SaveDialog what="form" state={save.state} onConfirm={() => void save.confirm()} onClose={save.close} />
    </Space>
  );
}
