import path from 'node:path';

/**
 * The drawn files the demo's file values stand for (rendered by scripts/render-demo-files.cjs, each marked
 * 示例), by name and type. A demo file value names its drawing in its id (`demo/<drawing>/<key>`); the
 * install stores each drawing once and points the values at it.
 */
export const DEMO_DRAWINGS = {
  'repair-site.jpg': 'image/jpeg',
  'repair-done.jpg': 'image/jpeg',
  'inspection.jpg': 'image/jpeg',
  'meter.jpg': 'image/jpeg',
  'id-front.jpg': 'image/jpeg',
  'id-back.jpg': 'image/jpeg',
  'license.jpg': 'image/jpeg',
  'signature.png': 'image/png',
  'document.pdf': 'application/pdf',
  'voice.wav': 'audio/wav',
} as const;

export type DemoDrawing = keyof typeof DEMO_DRAWINGS;

export const DEMO_FILES_DIR = path.resolve(__dirname, '../../demo-files');

/** The drawing a demo file value stands for, as its id names it. */
export function demoFileFor(value: { id: string }): string {
  return value.id.split('/')[1] ?? '';
}
