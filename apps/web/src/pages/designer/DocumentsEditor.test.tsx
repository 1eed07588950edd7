import type { DocumentTemplate, EntityDefinition } from '@lowcode/app-model';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import '../../i18n';
import { DocumentsEditor, unknownPlaceholders } from './DocumentsEditor';

const order: EntityDefinition = {
  key: 'order',
  label: { 'zh-CN': '工单' },
  fields: [
    { key: 'no', type: 'text', label: { 'zh-CN': '工单号' } },
    { key: 'room', type: 'text', label: { 'zh-CN': '房间' } },
  ],
};

/** The editor over an entity the test keeps, as the designer's reducer would. */
function Harness({ seen }: { seen: { documents?: DocumentTemplate[] } }) {
  const [entity, setEntity] = useState(order);
  return (
    <DocumentsEditor
      entity={entity}
      locale="zh-CN"
      open
      onClose={() => undefined}
      onChange={(documents) => {
        seen.documents = documents;
        setEntity({ ...entity, documents });
      }}
    />
  );
}

describe('DocumentsEditor', () => {
  it('adds a template that starts from the fields, and names placeholders that are no field', () => {
    const seen: { documents?: DocumentTemplate[] } = {};
    render(<Harness seen={seen} />);
    expect(screen.getByText(/还没有打印模板/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('designer-document-add'));
    expect(seen.documents).toEqual([
      expect.objectContaining({ key: 'document1', body: '# 工单\n工单号：{工单号}\n房间：{房间}' }),
    ]);
    fireEvent.change(screen.getByTestId('designer-document-body'), {
      target: { value: '# 派工单\n{工单号} {报修人}' },
    });
    expect(seen.documents![0]!.body).toBe('# 派工单\n{工单号} {报修人}');
    expect(
      screen.getByText(
        '{报修人} 无法填入：不是本表单的字段，“|大写”用在了非金额字段上，或段落 {#字段}…{/字段} 没有成对',
      ),
    ).toBeInTheDocument();
  });

  it('knows a placeholder by field name or key', () => {
    expect(unknownPlaceholders(order, '{工单号} {room} {技师}')).toEqual(['技师']);
    expect(unknownPlaceholders(order, '{工单号|大写} {room|小写}')).toEqual(['工单号|大写', 'room|小写']);
    expect(unknownPlaceholders(order, '{#工单号}x{/工单号}{#技师}y{/技师}{#room}z')).toEqual([
      '#技师',
      '#room',
    ]);
  });
});
