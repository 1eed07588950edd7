import { Form, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/ApiError';
import type { DeclaredAttribute } from '../../api/memberTypes';
import { AttributesEditor } from './AttributesEditor';
import {
  attributeErrors,
  attributesFromRows,
  declaredAttributes,
  splitAttributes,
  type AttributeProblem,
} from './attributes';
import { DeclaredAttributesEditor } from './DeclaredAttributesEditor';

/**
 * A member's attributes as the add and edit forms take them: the ones the apps declare first, each with its own
 * control, then the free key/value rows. `collect` answers what to save (undefined, with the rows at fault
 * marked, when a row is wrong); `showErrors` puts the server's refusals under their attributes.
 */
export function useMemberAttributesInput({
  initial,
  declared,
  attributeKeys,
  titles,
}: {
  initial: Record<string, unknown>;
  declared: DeclaredAttribute[];
  attributeKeys: string[];
  /** Titles of the records relation attributes name, by id. */
  titles: Record<string, string>;
}): { field: ReactNode; collect(): Record<string, unknown> | undefined; showErrors(caught: unknown): void } {
  const { t } = useTranslation();
  const [split] = useState(() => splitAttributes(initial, declared));
  const [rows, setRows] = useState(split.rows);
  const [declaredValues, setDeclaredValues] = useState<Record<string, unknown>>(split.values);
  const [problems, setProblems] = useState<AttributeProblem[]>([]);
  const [valueErrors, setValueErrors] = useState<Record<string, string[]>>({});
  const declaredKeys = new Set(declared.map((attribute) => attribute.key));

  const collect = () => {
    const attributes = attributesFromRows(rows, declaredKeys);
    if (!attributes.ok) {
      setProblems(attributes.problems);
      return undefined;
    }
    setProblems([]);
    setValueErrors({});
    return { ...attributes.attributes, ...declaredAttributes(declaredValues, declared) };
  };
  const showErrors = (caught: unknown) => {
    if (caught instanceof ApiError) setValueErrors(attributeErrors(caught.details));
  };
  const field = (
    <Form.Item label={t('members.attributes.title')}>
      <DeclaredAttributesEditor
        declared={declared}
        value={declaredValues}
        onChange={setDeclaredValues}
        titles={titles}
        errors={valueErrors}
      />
      {declared.length > 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 8px' }}>
          {t('members.attributes.other')}
        </Typography.Text>
      ) : null}
      <AttributesEditor
        value={rows}
        onChange={setRows}
        problems={problems}
        extraKeys={attributeKeys}
        declaredKeys={declaredKeys}
      />
    </Form.Item>
  );
  return { field, collect, showErrors };
}
