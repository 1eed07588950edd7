import { Alert, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '../../../api/types';

/** Why the server refused the definition: one line per problem, the path in monospace so it can be found. */
export function ImportErrors({ message, details }: { message: string; details: ErrorDetail[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        message={details.length > 0 ? t('import.invalidTitle', { count: details.length }) : message}
        description={details.length > 0 ? message : undefined}
        style={{ marginBottom: 8 }}
      />
      {details.length > 0 ? (
        <List
          size="small"
          bordered
          dataSource={details}
          renderItem={(detail, index) => (
            <List.Item key={`${detail.path}#${index}`} style={{ display: 'block' }}>
              <Typography.Text code className="mono">
                {detail.path || '/'}
              </Typography.Text>{' '}
              {detail.message}
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}
