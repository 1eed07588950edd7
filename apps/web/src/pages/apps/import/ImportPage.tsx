import { ArrowLeftOutlined, EyeOutlined, ImportOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Flex, Input, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api';
import { ApiError } from '../../../api/ApiError';
import type { ErrorDetail, ImportPreview } from '../../../api/types';
import { useSignedInSession } from '../../../hooks/session';
import { useErrorText } from '../../../hooks/useErrorText';
import { formulasRecomputedText } from './formulasRecomputed';
import { ImportErrors } from './ImportErrors';
import { ImportPreviewSummary } from './ImportPreviewSummary';
import { parseDefinitionText, type ParsedDefinition } from './parseDefinitionText';

/** Where the preview stands. `previewed` keeps the exact definition that was previewed: that is what gets imported. */
type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'previewed'; preview: ImportPreview; definition: Record<string, unknown> }
  | { status: 'invalid'; message: string; details: ErrorDetail[] }
  | { status: 'failed'; message: string };

const INVALID_DEFINITION = 'APP_DEFINITION_INVALID';

function useParseErrorText() {
  const { t } = useTranslation();
  return (parsed: Exclude<ParsedDefinition, { ok: true }>): string => {
    switch (parsed.reason) {
      case 'empty':
        return t('import.emptyText');
      case 'notObject':
        return t('import.notAnObject');
      case 'syntax':
        return parsed.line !== undefined
          ? t('import.parseErrorAt', { line: parsed.line, column: parsed.column, message: parsed.message })
          : t('import.parseError', { message: parsed.message });
    }
  };
}

export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSignedInSession();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const parseErrorText = useParseErrorText();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [importing, setImporting] = useState(false);
  const isAdmin = session.role === 'admin';

  // Any edit invalidates the preview: the import button must never send something that was not previewed.
  const changeText = (next: string) => {
    setText(next);
    setParseError(null);
    setPreview({ status: 'idle' });
  };

  const readFile = (file: File) => {
    file.text().then(
      (content) => {
        changeText(content);
        setFileName(file.name);
        void message.success(t('import.fileLoaded', { name: file.name }));
      },
      () => void message.error(t('import.fileReadFailed', { name: file.name })),
    );
    return false; // Read in the browser; antd must not upload it anywhere.
  };

  const runPreview = async () => {
    const parsed = parseDefinitionText(text);
    if (!parsed.ok) {
      setParseError(parseErrorText(parsed));
      setPreview({ status: 'idle' });
      return;
    }
    setParseError(null);
    setPreview({ status: 'loading' });
    try {
      const result = await api.previewImport(parsed.definition);
      setPreview({ status: 'previewed', preview: result, definition: parsed.definition });
    } catch (error) {
      if (error instanceof ApiError && error.code === INVALID_DEFINITION) {
        setPreview({ status: 'invalid', message: error.message, details: error.details });
      } else {
        setPreview({ status: 'failed', message: errorText(error) });
      }
    }
  };

  const runImport = async () => {
    if (preview.status !== 'previewed') return;
    setImporting(true);
    try {
      const result = await api.importApp(preview.definition);
      void message.success(t('import.success', { appKey: result.appKey }));
      const recomputed = formulasRecomputedText(t, result);
      if (recomputed) void message.info(recomputed);
      navigate('/apps');
    } catch (error) {
      if (error instanceof ApiError && error.code === INVALID_DEFINITION) {
        setPreview({ status: 'invalid', message: error.message, details: error.details });
      } else {
        void message.error(errorText(error));
      }
      setImporting(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/apps">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('appDetail.back')}
        </Button>
      </Link>
      <Card title={t('import.title')}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('import.intro')}</Typography.Text>
          <Flex align="center" gap={8} wrap>
            <Upload
              accept=".json,application/json"
              beforeUpload={readFile}
              showUploadList={false}
              data-testid="import-file"
            >
              <Button icon={<UploadOutlined />}>{t('import.chooseFile')}</Button>
            </Upload>
            {fileName ? (
              <span className="mono">{fileName}</span>
            ) : (
              <Typography.Text type="secondary">{t('import.orPaste')}</Typography.Text>
            )}
          </Flex>
          <Input.TextArea
            data-testid="import-textarea"
            aria-label={t('import.definitionLabel')}
            className="mono"
            value={text}
            onChange={(event) => changeText(event.target.value)}
            placeholder={t('import.placeholder')}
            autoSize={{ minRows: 8, maxRows: 20 }}
            spellCheck={false}
            status={parseError ? 'error' : undefined}
          />
          {parseError ? (
            <Alert data-testid="import-parse-error" type="error" showIcon message={parseError} />
          ) : null}
          {!isAdmin ? <Alert type="info" showIcon message={t('import.onlyAdmins')} /> : null}
          <Flex gap={8} wrap>
            <Button
              data-testid="import-preview"
              icon={<EyeOutlined />}
              onClick={runPreview}
              loading={preview.status === 'loading'}
            >
              {t('import.preview')}
            </Button>
            <Button
              data-testid="import-confirm"
              type="primary"
              icon={<ImportOutlined />}
              disabled={preview.status !== 'previewed' || !isAdmin}
              loading={importing}
              onClick={runImport}
            >
              {t('import.confirm')}
            </Button>
          </Flex>
        </Space>
      </Card>
      {preview.status === 'previewed' ? (
        <Card>
          <ImportPreviewSummary preview={preview.preview} />
        </Card>
      ) : null}
      {preview.status === 'invalid' ? (
        <ImportErrors message={preview.message} details={preview.details} />
      ) : null}
      {preview.status === 'failed' ? <Alert type="error" showIcon message={preview.message} /> : null}
    </Space>
  );
}
