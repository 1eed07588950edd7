import {
  amountInWords,
  documentField,
  documentFormat,
  documentParts,
  sectionProblems,
  sectionShown,
} from './documents';

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

  it('reads a format after a bar, and knows only its own', () => {
    expect(documentParts('{租金 | 大写}{rent|upper}{x|}')).toEqual([
      { placeholder: '租金', format: '大写' },
      { placeholder: 'rent', format: 'upper' },
      { placeholder: 'x', format: '' },
    ]);
    expect(documentFormat('大写')).toBe('amountInWords');
    expect(documentFormat('upper')).toBe('amountInWords');
    expect(documentFormat('toString')).toBeUndefined();
    expect(documentFormat('')).toBeUndefined();
  });

  it('reads sections that print only when a field has a value, or has none', () => {
    expect(documentParts('{#免租天数}免租 {免租天数} 天{/免租天数}{ ^押金 }无押金{/ 押金}')).toEqual([
      { section: '免租天数', when: 'filled' },
      { text: '免租 ' },
      { placeholder: '免租天数' },
      { text: ' 天' },
      { sectionEnd: '免租天数' },
      { section: '押金', when: 'empty' },
      { text: '无押金' },
      { sectionEnd: '押金' },
    ]);
    expect(sectionShown(3, 'filled')).toBe(true);
    for (const empty of [null, undefined, '', 0, false, []]) {
      expect(sectionShown(empty, 'filled')).toBe(false);
      expect(sectionShown(empty, 'empty')).toBe(true);
    }
  });

  it('finds section marks that do not pair up', () => {
    expect(sectionProblems(documentParts('{#a}{#b}x{/b}{/a}'))).toEqual([]);
    expect(sectionProblems(documentParts('{#a}{#b}x{/a}'))).toEqual([
      { name: 'a', problem: 'unopenedSection' },
      { name: 'a', problem: 'unclosedSection' },
      { name: 'b', problem: 'unclosedSection' },
    ]);
    expect(sectionProblems(documentParts('x{/c}'))).toEqual([{ name: 'c', problem: 'unopenedSection' }]);
  });

  it('writes money in Chinese capitals as receipts do', () => {
    const cases: Array<[number, string]> = [
      [0, '零元整'],
      [0.5, '伍角整'],
      [0.05, '伍分'],
      [1.05, '壹元零伍分'],
      [10, '壹拾元整'],
      [12.3, '壹拾贰元叁角整'],
      [1004, '壹仟零肆元整'],
      [1680.32, '壹仟陆佰捌拾元叁角贰分'],
      [3500, '叁仟伍佰元整'],
      [10010, '壹万零壹拾元整'],
      [107000.53, '壹拾万柒仟元伍角叁分'],
      [1000400, '壹佰万零肆佰元整'],
      [20000000, '贰仟万元整'],
      [100000001, '壹亿零壹元整'],
      [120005000, '壹亿贰仟万伍仟元整'],
      [1.999, '贰元整'],
      [-12.3, '负壹拾贰元叁角整'],
      [-0.001, '零元整'],
    ];
    for (const [amount, words] of cases) expect([amount, amountInWords(amount)]).toEqual([amount, words]);
  });
});
