import { ExperimentOutlined } from '@ant-design/icons';
import type { EntityDefinition, Locale } from '@lowcode/app-model';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { RuleTestResult } from '../../api/types';
import { titleOfRecord } from '../../fields/recordTitle';
import { useErrorText } from '../../hooks/useErrorText';
import { JsonBlock } from './JsonBlock';

/** Picks a record of the entity by searching its list (first 20 matches). */
function RecordPicker({
  appKey,
  entity,
  locale,
  value,
  onChange,
}: {
  appKey: string;
  entity: EntityDefinition;
  locale: Locale;
  value: string | undefined;
  onChange(id: string | undefined): void;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = (q: string) => {
    setLoading(true);
    api
      .listRecords(appKey, entity.key, { limit: 20, q, sort: '-updatedAt' })
      .then(
        (page) =>
          setOptions(
            page.items.map((record) => ({ value: record.id, label: titleOfRecord(entity, record, locale) })),
          ),
        () => setOptions([]),
      )
      .finally(() => setLoading(false));
  };
  useEffect(() => search(''), [appKey, entity.key]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Select
      data-testid="rule-test-record"
      showSearch
      allowClear
      filterOption={false}
      loading={loading}
      onSearch={search}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('rules.test.pickRecord')}
      notFoundContent={t('rules.test.noRecords')}
      style={{ width: '100%', maxWidth: 420 }}
    />
  );
}

/** Evaluates the saved rule on a chosen record and instant; the server rolls everything back. */
export function RuleTest({
  appKey,
  ruleKey,
  entity,
  locale,
}: {
  appKey: string;
  ruleKey: string;
  entity: EntityDefinition | undefined;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [recordId, setRecordId] = useState<string>();
  const [at, setAt] = useState<Dayjs | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RuleTestResult>();
  const [error, setError] = useState<unknown>();

  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setResult(await api.testRule(appKey, ruleKey, { recordId, at: at?.toISOString(), locale }));
    } catch (caught) {
      setResult(undefined);
      setError(caught);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rule-test">
      <Alert type="info" showIcon message={t('rules.test.safe')} />
      <Form layout="vertical">
        {entity ? (
          <Form.Item label={t('rules.test.record')} style={{ marginBottom: 12 }}>
            <RecordPicker
              appKey={appKey}
              entity={entity}
              locale={locale}
              value={recordId}
              onChange={setRecordId}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t('rules.test.at')} help={t('rules.test.atHelp')} style={{ marginBottom: 12 }}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt} />
        </Form.Item>
        <Button
          type="primary"
          icon={<ExperimentOutlined />}
          loading={running}
          disabled={!!entity && !recordId}
          onClick={() => void run()}
          data-testid="rule-test-run"
        >
          {t('rules.test.run')}
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {result ? (
        <Card size="small" data-testid="rule-test-result">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{t('rules.test.matchedQuestion')}</Typography.Text>
              {result.matched ? (
                <Tag color="success" data-testid="rule-test-matched">
                  {t('rules.test.yes')}
                </Tag>
              ) : (
                <Tag data-testid="rule-test-matched">{t('rules.test.no')}</Tag>
              )}
            </Flex>
            {result.error ? <Alert type="error" showIcon message={result.error} /> : null}
            {result.explanation.length > 0 ? (
              <List
                size="small"
                header={<Typography.Text strong>{t('rules.test.explanation')}</Typography.Text>}
                dataSource={result.explanation}
                renderItem={(line) => <List.Item>{line}</List.Item>}
              />
            ) : null}
            <Typography.Text strong>
              {result.actions.length > 0 ? t('rules.test.wouldDo') : t('rules.test.wouldDoNothing')}
            </Typography.Text>
            {result.actions.map((action) => (
              <Descriptions
                key={action.actionKey}
                size="small"
                bordered
                column={1}
                title={`${action.actionKey} · ${t(`rules.actionTypes.${action.type}`, { defaultValue: action.type })}`}
              >
                <Descriptions.Item label={t('rules.test.details')}>
                  <JsonBlock
                    value={Object.fromEntries(
                      Object.entries(action).filter(
                        ([key]) => !['ruleKey', 'actionKey', 'type', 'chain'].includes(key),
                      ),
                    )}
                  />
                </Descriptions.Item>
              </Descriptions>
            ))}
            <Typography.Text type="secondary">{t('rules.test.nothingDone')}</Typography.Text>
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}
