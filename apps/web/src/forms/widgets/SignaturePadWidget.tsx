import { App as AntApp, Button, Flex, Image } from 'antd';
import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { StoredFile } from '../../api/types';
import { useErrorText } from '../../hooks/useErrorText';
import type { WidgetProps } from '../widgetTypes';

const WIDTH = 320;
const HEIGHT = 140;

/** Draw with a finger or mouse, then "Use signature" uploads the PNG; the value is that one file object. */
export function SignaturePadWidget({ value, onChange, onBlur, id }: WidgetProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [hasInk, setHasInk] = useState(false);
  const [saving, setSaving] = useState(false);
  const stored = typeof value === 'object' && value !== null ? (value as StoredFile) : null;

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return [
      ((event.clientX - rect.left) * WIDTH) / rect.width,
      ((event.clientY - rect.top) * HEIGHT) / rect.height,
    ] as const;
  };
  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    drawing.current = true;
    context.lineWidth = 2;
    context.lineCap = 'round';
    context.beginPath();
    context.moveTo(...point(event));
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = canvasRef.current?.getContext('2d');
    if (!drawing.current || !context) return;
    context.lineTo(...point(event));
    context.stroke();
    setHasInk(true);
  };
  const clear = () => {
    canvasRef.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    setHasInk(false);
  };
  const save = () =>
    canvasRef.current?.toBlob((blob) => {
      if (!blob) return;
      setSaving(true);
      api
        .uploadFile(blob, 'signature.png')
        .then(
          (file) => {
            onChange(file);
            onBlur();
            clear();
          },
          (error: unknown) => void message.error(errorText(error)),
        )
        .finally(() => setSaving(false));
    }, 'image/png');

  if (stored) {
    return (
      <Flex gap={8} align="center" id={id}>
        {stored.url ? <Image src={stored.url} width={160} alt={stored.name} /> : stored.name}
        <Button onClick={() => onChange(null)}>{t('form.signAgain')}</Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8} id={id}>
      <canvas
        ref={canvasRef}
        width={WIDTH}
        height={HEIGHT}
        style={{
          width: '100%',
          maxWidth: WIDTH,
          border: '1px dashed #d9d9d9',
          borderRadius: 6,
          touchAction: 'none',
        }}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={() => (drawing.current = false)}
        onPointerLeave={() => (drawing.current = false)}
      />
      <Flex gap={8}>
        <Button onClick={clear} disabled={!hasInk}>
          {t('form.clearSignature')}
        </Button>
        <Button type="primary" ghost onClick={save} disabled={!hasInk} loading={saving}>
          {t('form.useSignature')}
        </Button>
      </Flex>
    </Flex>
  );
}
