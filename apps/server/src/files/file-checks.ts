/** Pure checks of an upload: its name, its size, and whether its bytes are what it claims to be. */

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

// Things a browser or a desktop would run or render as a page: never accepted, whatever they claim to be.
const REFUSED_EXTENSIONS = new Set([
  'exe',
  'msi',
  'bat',
  'cmd',
  'com',
  'scr',
  'dll',
  'ps1',
  'vbs',
  'js',
  'mjs',
  'jar',
  'sh',
  'php',
  'html',
  'htm',
  'xhtml',
  'svg',
  'hta',
  'apk',
  'app',
  'deb',
  'rpm',
]);

const SIGNATURES: { mimeType: string; bytes: number[]; offset?: number }[] = [
  { mimeType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { mimeType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { mimeType: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { mimeType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  { mimeType: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
];
const EXECUTABLE_SIGNATURES = [
  [0x4d, 0x5a], // Windows PE
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x23, 0x21], // #! script
];

export type FileCheck = { ok: true; name: string; mimeType: string } | { ok: false; reason: string };

/** A display name without any path, control characters or leading dots; at most 200 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(-200);
  return cleaned || 'file';
}

const startsWith = (content: Buffer, bytes: number[], offset = 0) =>
  content.length >= offset + bytes.length && bytes.every((byte, index) => content[offset + index] === byte);

export function checkUpload(rawName: string, claimedMimeType: string, content: Buffer): FileCheck {
  const name = cleanFileName(rawName);
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (content.length === 0) return { ok: false, reason: 'the file is empty' };
  if (content.length > MAX_FILE_BYTES)
    return { ok: false, reason: `the file is larger than ${MAX_FILE_BYTES} bytes` };
  if (REFUSED_EXTENSIONS.has(extension))
    return { ok: false, reason: `files of type .${extension} are not accepted` };
  if (EXECUTABLE_SIGNATURES.some((bytes) => startsWith(content, bytes))) {
    return { ok: false, reason: 'executable files are not accepted' };
  }
  const sniffed = SIGNATURES.find((signature) =>
    startsWith(content, signature.bytes, signature.offset),
  )?.mimeType;
  const claimsImage =
    claimedMimeType.startsWith('image/') || ['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(extension);
  if (claimsImage && !sniffed?.startsWith('image/')) {
    return { ok: false, reason: 'the file is named or sent as an image but its content is not one' };
  }
  // What we serve it as comes from its bytes when we recognise them, never only from the client's word.
  const mimeType =
    sniffed ??
    (claimedMimeType.startsWith('image/') ? 'application/octet-stream' : safeMime(claimedMimeType));
  return { ok: true, name, mimeType };
}

function safeMime(claimed: string): string {
  return /^[a-z]+\/[a-z0-9.+-]+$/i.test(claimed) && !/html|javascript|xml|svg/i.test(claimed)
    ? claimed
    : 'application/octet-stream';
}
