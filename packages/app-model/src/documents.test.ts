import { documentField, documentParts } from './documents';

describe('document templates', () => {
  it('cuts a body into text and placeholders, in order', () => {
    expect(documentParts('甲方：{ 出租方 }\n租金 {rent} 元/月{}')).toEqual([
      { text: '甲方：' },
      { placeholder: '出租方' },
      { text: '\n租金 ' },
      { placeholder: 'rent' },
      { text: ' 元/月{}' },
    ]);
  });

  it('names a field by key, else by its label in either language', () => {
    const entity = {
      fields: [
        { key: 'rent', type: 'money', label: { 'zh-CN': '月租金', en: 'Monthly rent' } },
        { key: 'no', type: 'text', label: { 'zh-CN': '合同编号' } },
      ],
    } as never;
    expect(documentField(entity, 'rent')?.key).toBe('rent');
    expect(documentField(entity, '月租金')?.key).toBe('rent');
    expect(documentField(entity, 'Monthly rent')?.key).toBe('rent');
    expect(documentField(entity, '押金')).toBeUndefined();
  });
});
