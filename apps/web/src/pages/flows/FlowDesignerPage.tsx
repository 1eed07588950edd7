import type { AppDefinition, FlowDefinition, FlowNodeType, Locale } from '@lowcode/app-model';
import { ArrowLeftOutlined, DownloadOutlined, NodeIndexOutlined, UploadOutlined } from '@ant-design/icons';
import { fromBpmnXml, toBpmnXml, validateFlow } from '@lowcode/flow-engine';
import { ReactFlowProvider } from '@xyflow/react';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Flex,
  List,
  Result,
  Skeleton,
  Space,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard';
import { saveBlob } from '../../utils/saveBlob';
import { SaveDialog } from '../designer/SaveDialog';
import { useDesignerSave } from '../designer/useDesignerSave';
import { FlowCanvas, FlowPalette } from './FlowCanvas';
import { FlowProperties } from './FlowProperties';
import {
  addNode,
  clean,
  freshKey,
  newFlow,
  problemTarget,
  removeEdges,
  removeNodes,
  withPositions,
  type Selection,
} from './flowModel';

/** The app definition with this flow in it (replacing the one with its original key, or added). */
export function withFlow(
  app: AppDefinition,
  flow: FlowDefinition,
  originalKey: string | undefined,
): AppDefinition {
  const flows = app.flows ?? [];
  const index = originalKey ? flows.findIndex((candidate) => candidate.key === originalKey) : -1;
  const saved = clean(flow);
  return { ...app, flows: index >= 0 ? flows.map((f, i) => (i === index ? saved : f)) : [...flows, saved] };
}

function Workspace(props: {
  app: AppDefinition;
  revision: number;
  initial: FlowDefinition;
  isNew: boolean;
  locale: Locale;
  back: React.ReactNode;
  onSaved(key: string): void;
}) {
  const { app, revision, initial, isNew, locale, back, onSaved } = props;
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [flow, setFlow] = useState<FlowDefinition>(() => withPositions(initial));
  const [selection, setSelection] = useState<Selection | null>(null);
  const [dirty, setDirty] = useState(false);
  const problems = useMemo(
    () => validateFlow(flow, withFlow(app, flow, isNew ? undefined : initial.key)),
    [flow, app, isNew, initial.key],
  );
  const errors = problems.filter((problem) => problem.severity === 'error');
  const guard = useUnsavedChangesGuard(dirty);
  const save = useDesignerSave(revision, locale, () => {
    guard.release();
    setDirty(false);
    onSaved(flow.key);
  });
  const change = (next: FlowDefinition, selectKey?: string) => {
    setFlow(next);
    setDirty(true);
    if (selectKey && selection) setSelection({ ...selection, key: selectKey });
  };
  const deleteSelected = () => {
    if (!selection) return;
    change(
      selection.kind === 'node' ? removeNodes(flow, [selection.key]) : removeEdges(flow, [selection.key]),
    );
    setSelection(null);
  };
  const exportBpmn = () => {
    saveBlob(new Blob([toBpmnXml(clean(flow))], { type: 'application/xml' }), `${flow.key}.bpmn`);
  };
  const importBpmn = async (file: File) => {
    try {
      const imported = fromBpmnXml(await file.text());
      change(withPositions({ ...imported, key: flow.key, entity: imported.entity || flow.entity }));
      setSelection(null);
      void message.success(t('flows.designer.imported'));
    } catch (failure) {
      void message.error(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <Flex
      vertical
      gap={8}
      style={{ height: 'calc(100vh - 112px)', minHeight: 560 }}
      data-testid="flow-designer"
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space>
          {back}
          <Typography.Title level={4} style={{ margin: 0 }}>
            {localize(flow.label, locale)}{' '}
            <Typography.Text type="secondary" className="mono">
              {flow.key}
            </Typography.Text>
          </Typography.Title>
          {dirty ? <Badge status="warning" text={t('flows.designer.unsaved')} /> : null}
        </Space>
        <Space wrap>
          <Button icon={<NodeIndexOutlined />} onClick={() => change(withPositions(flow, true))}>
            {t('flows.designer.layout')}
          </Button>
          <Upload
            accept=".bpmn,.xml"
            showUploadList={false}
            beforeUpload={(file) => (void importBpmn(file), false)}
          >
            <Button icon={<UploadOutlined />}>{t('flows.designer.importBpmn')}</Button>
          </Upload>
          <Button icon={<DownloadOutlined />} onClick={exportBpmn} data-testid="flow-export-bpmn">
            {t('flows.designer.exportBpmn')}
          </Button>
          <Tooltip
            title={errors.length > 0 ? t('flows.designer.blocked', { count: errors.length }) : undefined}
          >
            <Button
              type="primary"
              disabled={errors.length > 0}
              loading={save.state.step === 'checking'}
              onClick={() => void save.start(withFlow(app, flow, isNew ? undefined : initial.key))}
              data-testid="flow-save"
            >
              {t('flows.designer.save')}
            </Button>
          </Tooltip>
        </Space>
      </Flex>
      <Flex gap={8} style={{ flex: 1, minHeight: 0 }}>
        <div style={{ width: 170, flex: 'none', overflowY: 'auto' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('flows.designer.paletteHelp')}
          </Typography.Text>
          <FlowPalette
            onAdd={(type: FlowNodeType) => {
              const next = addNode(flow, type, { x: 0, y: 200 });
              change(next);
              setSelection({ kind: 'node', key: next.nodes.at(-1)!.key });
            }}
          />
        </div>
        <div
          style={{
            flex: 1,
            minWidth: 0,
            border: '1px solid #f0f0f0',
            borderRadius: 8,
            background: '#fafafa',
          }}
        >
          <FlowCanvas
            flow={flow}
            problems={problems}
            selection={selection}
            locale={locale}
            onChange={change}
            onSelect={setSelection}
          />
        </div>
        <div style={{ width: 340, flex: 'none', overflowY: 'auto', paddingInline: 4 }}>
          <FlowProperties
            flow={flow}
            app={app}
            isNew={isNew}
            selection={selection}
            problems={problems}
            locale={locale}
            onChange={change}
            onDelete={deleteSelected}
          />
        </div>
      </Flex>
      {problems.length > 0 ? (
        <List
          size="small"
          bordered
          data-testid="flow-problems"
          style={{ maxHeight: 140, overflowY: 'auto', background: '#fff' }}
          dataSource={problems}
          renderItem={(problem) => {
            const target = problemTarget(flow, problem);
            return (
              <List.Item
                style={{ cursor: target ? 'pointer' : 'default' }}
                onClick={() => target && setSelection(target)}
              >
                <Typography.Text type={problem.severity === 'error' ? 'danger' : 'warning'}>
                  {problem.message[locale]}
                </Typography.Text>
              </List.Item>
            );
          }}
        />
      ) : (
        <Alert type="success" showIcon message={t('flows.designer.valid')} data-testid="flow-valid" />
      )}
      <SaveDialog what="flow" state={save.state} onConfirm={() => void save.confirm()} onClose={save.close} />
    </Flex>
  );
}

/** `/apps/:app/flows/:flow/design` edits a flow; `/apps/:app/flows/new` makes one. Desktop only. */
export function FlowDesignerPage() {
  const { app: appKey = '', flow: flowKey } = useParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const { data: app, error, reload } = useAsyncData(loadApp);
  const back = (
    <Link to={`/apps/${encodeURIComponent(appKey)}/flows`}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('flows.list.title')}
      </Button>
    </Link>
  );
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!app) return <Skeleton active />;
  const existing = flowKey ? app.definition.flows?.find((flow) => flow.key === flowKey) : undefined;
  if (flowKey && !existing)
    return <Result status="404" title={t('flows.designer.notFound', { key: flowKey })} extra={back} />;
  const initial =
    existing ??
    newFlow(
      freshKey(
        'flow',
        (app.definition.flows ?? []).map((flow) => flow.key),
      ),
      app.definition.entities[0]?.key ?? '',
    );
  return (
    <ReactFlowProvider>
      <Workspace
        key={`${app.revision}:${flowKey ?? ''}`}
        app={app.definition}
        revision={app.revision}
        initial={initial}
        isNew={!existing}
        locale={locale}
        back={back}
        onSaved={(savedKey) => {
          void message.success(t('flows.designer.saved'));
          if (savedKey !== flowKey)
            navigate(`/apps/${encodeURIComponent(appKey)}/flows/${encodeURIComponent(savedKey)}/design`, {
              replace: true,
            });
          reload();
        }}
      />
    </ReactFlowProvider>
  );
}
