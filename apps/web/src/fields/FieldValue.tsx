import { PaperClipOutlined } from '@ant-design/icons';
import { singleValueOptions, type FieldDefinition, type Locale, type SelectOption } from '@lowcode/app-model';
import { Image, Rate, Space, Tag, Typography } from 'antd';
import type { StoredFile } from '../api/types';
import { localize } from '../hooks/useLocale';
import { formatFieldText } from './formatFieldText';

function OptionTags({
  options,
  values,
  locale,
}: {
  options: readonly SelectOption[];
  values: unknown[];
  locale: Locale;
}) {
  return (
    <Space size={4} wrap>
      {values.map((value) => {
        const option = options.find((o) => o.value === value);
        return (
          <Tag key={String(value)} color={option?.color} style={{ marginInlineEnd: 0 }}>
            {option ? localize(option.label, locale) : String(value)}
          </Tag>
        );
      })}
    </Space>
  );
}

const files = (value: unknown): StoredFile[] => (Array.isArray(value) ? (value as StoredFile[]) : []);

/** A field value as a table cell or a detail line: tags for options, stars, thumbnails, file links. */
export function FieldValue({
  field,
  value,
  locale,
  display,
  wrap = false,
}: {
  field: FieldDefinition;
  value: unknown;
  locale: Locale;
  display?: string | string[];
  /** A detail line (a task page) shows all of a long text, its line breaks kept; a table cell cuts it. */
  wrap?: boolean;
}) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  const options = singleValueOptions(field);
  if (options) return <OptionTags options={options} values={[value]} locale={locale} />;
  switch (field.type) {
    case 'multiSelect':
      return (
        <OptionTags options={field.options} values={Array.isArray(value) ? value : [value]} locale={locale} />
      );
    case 'rating':
      return <Rate disabled count={field.max ?? 5} value={Number(value)} style={{ fontSize: 14 }} />;
    case 'image':
      return (
        <Space size={4}>
          {files(value)
            .slice(0, 3)
            .map((file) => (
              <Image
                key={file.id}
                src={file.url}
                alt={file.name}
                width={32}
                height={32}
                style={{ objectFit: 'cover' }}
              />
            ))}
        </Space>
      );
    case 'attachment':
      return (
        <Space size={4} wrap>
          {files(value).map((file) => (
            <a key={file.id} href={file.url} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {file.name}
            </a>
          ))}
        </Space>
      );
    case 'url':
      return typeof value === 'string' && /^https?:\/\//i.test(value) ? (
        <a href={value} target="_blank" rel="noreferrer">
          {value}
        </a>
      ) : (
        String(value)
      );
    case 'relation':
    case 'user':
    case 'department': {
      const shown = formatFieldText(field, value, locale, display);
      return <Typography.Text>{shown}</Typography.Text>;
    }
    default:
      return wrap ? (
        <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {formatFieldText(field, value, locale, display)}
        </Typography.Text>
      ) : (
        <Typography.Text ellipsis={{ tooltip: true }}>
          {formatFieldText(field, value, locale, display)}
        </Typography.Text>
      );
  }
}
