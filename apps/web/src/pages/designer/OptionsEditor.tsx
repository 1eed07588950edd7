import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { SelectOption } from '@lowcode/app-model';
import { Button, ColorPicker, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** Options of a select / multi-select / status: value, zh-CN and English labels, and a colour. */
export function OptionsEditor({
  options,
  onChange,
}: {
  options: SelectOption[];
  onChange(options: SelectOption[]): void;
}) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<SelectOption>) =>
    onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  const add = () => {
    let n = options.length + 1;
    while (options.some((o) => o.value === `option${n}`)) n++;
    onChange([...options, { value: `option${n}`, label: { 'zh-CN': `选项 ${n}`, en: `Option ${n}` } }]);
  };
  return (
    <Flex vertical gap={6} data-testid="designer-options">
      {options.map((option, index) => (
        <Flex key={index} gap={4} align="center">
          <ColorPicker
            size="small"
            value={option.color ?? null}
            allowClear
            onChange={(color) => set(index, { color: color.toHexString() })}
            onClear={() => set(index, { color: undefined })}
          />
          <Input
            size="small"
            className="mono"
            placeholder={t('designer.optionValue')}
            value={option.value}
            onChange={(e) => set(index, { value: e.target.value })}
          />
          <Input
            size="small"
            placeholder="中文"
            value={option.label['zh-CN']}
            onChange={(e) => set(index, { label: { ...option.label, 'zh-CN': e.target.value } })}
          />
          <Input
            size="small"
            placeholder="English"
            value={option.label.en ?? ''}
            onChange={(e) => set(index, { label: { ...option.label, en: e.target.value } })}
          />
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('designer.remove')}
            onClick={() => onChange(options.filter((_, i) => i !== index))}
          />
        </Flex>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={add}>
        {t('designer.addOption')}
      </Button>
    </Flex>
  );
}
