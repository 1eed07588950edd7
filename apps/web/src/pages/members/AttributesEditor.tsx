import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import {
  DIRECTORY_ATTRIBUTES,
  emptyRow,
  isDepartmentRow,
  type AttributeKind,
  type AttributeProblem,
  type AttributeRow,
} from './attributes';

const KINDS: AttributeKind[] = ['list', 'text', 'number', 'boolean'];

/**
 * Key/value rows for the member's attributes no app declares (what role scopes read as `user.<key>`): the
 * directory's keys and the keys other members use are suggested, lists are entered as tags.
 */
export function AttributesEditor({
  value,
  onChange,
  problems = [],
  extraKeys = [],
  declaredKeys = new Set(),
}: {
  value: AttributeRow[];
  onChange(rows: AttributeRow[]): void;
  problems?: AttributeProblem[];
  /** Keys other members use, suggested after the directory's. */
  extraKeys?: string[];
  /** Keys the apps declare: they have their own controls, so they are not suggested here. */
  declaredKeys?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const used = new Set(value.map((row) => row.key));
  const suggestions = [...new Set([...DIRECTORY_ATTRIBUTES.map((known) => known.key), ...extraKeys])]
    .filter((key) => !used.has(key) && !declaredKeys.has(key))
    .map((key) => ({
      value: key,
      label: `${key} · ${t(`members.attributes.known.${key}`, { defaultValue: key })}`,
    }));
  const change = (index: number, patch: Partial<AttributeRow>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="attributes-editor">
      {value.map((row, index) => {
        const problem = problems.find((p) => p.index === index);
        return (
          <div key={index} data-testid={`attribute-row-${index}`}>
            <Space.Compact style={{ width: '100%' }}>
              <AutoComplete
                value={row.key}
                options={suggestions}
                style={{ width: '38%' }}
                status={problem ? 'error' : undefined}
                placeholder={t('members.attributes.key')}
                onChange={(key: string) =>
                  change(index, {
                    key,
                    ...(row.key === '' && DIRECTORY_ATTRIBUTES.some((k) => k.key === key)
                      ? { kind: emptyRow(key).kind }
                      : {}),
                  })
                }
                data-testid={`attribute-key-${index}`}
              />
              <Select<AttributeKind>
                value={row.kind}
                style={{ width: 92 }}
                popupMatchSelectWidth={false}
                options={KINDS.map((kind) => ({ value: kind, label: t(`members.attributes.kind.${kind}`) }))}
                onChange={(kind) => change(index, { kind })}
                aria-label={t('members.attributes.kindLabel')}
              />
              <div style={{ flex: 1, minWidth: 0 }}>
                {isDepartmentRow(row) ? (
                  // Departments are picked from the directory by name; the attribute holds their keys.
                  <DepartmentSelect
                    multiple={row.kind === 'list'}
                    value={row.kind === 'list' ? row.list.map(String) : row.text}
                    onChange={(keys) =>
                      change(
                        index,
                        Array.isArray(keys) ? { list: keys } : { text: typeof keys === 'string' ? keys : '' },
                      )
                    }
                    testId={`attribute-department-${index}`}
                  />
                ) : row.kind === 'list' ? (
                  <Select
                    mode="tags"
                    style={{ width: '100%' }}
                    value={row.list.map(String)}
                    tokenSeparators={[',', '，', ' ']}
                    open={false}
                    suffixIcon={null}
                    placeholder={t('members.attributes.listPlaceholder')}
                    onChange={(list: string[]) =>
                      change(index, {
                        // Numbers that came from the server stay numbers; typed values are text.
                        list: list.map((item) => row.list.find((old) => String(old) === item) ?? item),
                      })
                    }
                    data-testid={`attribute-list-${index}`}
                  />
                ) : row.kind === 'number' ? (
                  <InputNumber
                    style={{ width: '100%' }}
                    value={row.number}
                    onChange={(number) =>
                      change(index, { number: typeof number === 'number' ? number : null })
                    }
                  />
                ) : row.kind === 'boolean' ? (
                  <Switch
                    checked={row.flag}
                    onChange={(flag) => change(index, { flag })}
                    style={{ marginTop: 5 }}
                  />
                ) : (
                  <Input
                    value={row.text}
                    maxLength={200}
                    onChange={(event) => change(index, { text: event.target.value })}
                    data-testid={`attribute-text-${index}`}
                  />
                )}
              </div>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('members.attributes.remove')}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              />
            </Space.Compact>
            {problem ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t(`members.attributes.problem.${problem.reason}`)}
              </Typography.Text>
            ) : null}
          </div>
        );
      })}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        block
        onClick={() => onChange([...value, emptyRow()])}
        data-testid="attribute-add"
      >
        {t('members.attributes.add')}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('members.attributes.hint')}
      </Typography.Text>
    </Space>
  );
}
