import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { StoredFile } from '../../api/types';
import { useErrorText } from '../../hooks/useErrorText';
import type { WidgetProps } from '../widgetTypes';
import { fieldOfType } from '../widgetTypes';

export const asFileList = (value: unknown): StoredFile[] =>
  Array.isArray(value) ? (value as StoredFile[]) : [];

const toUploadFile = (file: StoredFile): UploadFile => ({
  uid: file.id,
  name: file.name,
  status: 'done',
  url: file.url,
  size: file.size,
  type: file.mimeType,
});

/**
 * Uploads each chosen file to POST /api/files at once and keeps the returned file objects as the value. Limits
 * (count, size, type) are checked by the engine on the value, so the message is the API's.
 */
function FileListWidget({
  field,
  value,
  onChange,
  onBlur,
  id,
  asImages,
}: WidgetProps & { asImages: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const [uploading, setUploading] = useState(0);
  // Several files may finish in any order; each appends to the newest list, not the one it started with.
  const latest = useRef(value);
  latest.current = value;
  const limits = fieldOfType(field, 'attachment', 'image');
  const files = asFileList(value);
  const accept = limits?.accept?.join(',') ?? (asImages ? 'image/*' : undefined);

  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const blob = file as File;
    setUploading((n) => n + 1);
    api
      .uploadFile(blob, blob.name)
      .then(
        (stored) => {
          onChange([...asFileList(latest.current), stored]);
          onSuccess?.(stored);
          onBlur();
        },
        (error: unknown) => {
          void message.error(errorText(error));
          onError?.(error instanceof Error ? error : new Error(String(error)));
        },
      )
      .finally(() => setUploading((n) => n - 1));
  };

  return (
    <Upload
      id={id}
      accept={accept}
      multiple={(limits?.maxFiles ?? 2) > 1}
      listType={asImages ? 'picture-card' : 'text'}
      fileList={files.map(toUploadFile)}
      customRequest={upload}
      onRemove={(removed) => {
        onChange(files.filter((file) => file.id !== removed.uid));
        onBlur();
      }}
    >
      {asImages ? (
        <button type="button" style={{ border: 0, background: 'none' }}>
          <PlusOutlined />
          <div>{uploading ? t('form.uploading') : t('form.upload')}</div>
        </button>
      ) : (
        <Button icon={<UploadOutlined />} loading={uploading > 0}>
          {t('form.upload')}
        </Button>
      )}
    </Upload>
  );
}

export const AttachmentWidget = (props: WidgetProps) => <FileListWidget {...props} asImages={false} />;
export const ImageUploadWidget = (props: WidgetProps) => <FileListWidget {...props} asImages />;
