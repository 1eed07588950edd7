import path from 'node:path';

/**
 * The drawn files the demo's file values stand for (rendered by scripts/render-demo-files.cjs, each marked
 * 示例): the demo names a file `demo/…` with a name and type, and the install stores one of these for it.
 */
export const DEMO_FILES_DIR = path.resolve(__dirname, '../../demo-files');

const BY_NAME: ReadonlyArray<[pattern: RegExp, file: string]> = [
  [/签字|签名/, 'signature.png'],
  [/身份证正面/, 'id-front.jpg'],
  [/身份证反面/, 'id-back.jpg'],
  [/营业执照/, 'license.jpg'],
  [/表盘/, 'meter.jpg'],
  [/完工/, 'repair-done.jpg'],
  [/现场/, 'repair-site.jpg'],
];

/** The drawn file a demo file value is stored as: by its type, then by what its name says it shows. */
export function demoFileFor(value: { name: string; mimeType: string }): string {
  if (value.mimeType === 'application/pdf') return 'document.pdf';
  if (value.mimeType.startsWith('audio/')) return 'voice.wav';
  return BY_NAME.find(([pattern]) => pattern.test(value.name))?.[1] ?? 'inspection.jpg';
}
