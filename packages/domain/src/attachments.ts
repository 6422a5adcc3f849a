import { DomainError } from './errors';

/**
 * Files kept with records (issue 16: meeting minutes, public-confirmation records, work-log
 * photos). Which files are accepted is decided by their content (the first bytes, "magic
 * numbers"), not only by their name: a renamed executable is refused even when called .jpg.
 */

/** The largest file accepted: 10 MB (a phone photo is 2-6 MB). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The longest base64 text of a file of at most ATTACHMENT_MAX_BYTES (checked before decoding). */
export const ATTACHMENT_MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;

export const ATTACHMENT_TYPES = {
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG 图片' },
  webp: { mime: 'image/webp', extensions: ['webp'], label: 'WebP 图片' },
  heic: { mime: 'image/heic', extensions: ['heic', 'heif'], label: 'HEIC 图片' },
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF 文档' },
  doc: { mime: 'application/msword', extensions: ['doc'], label: 'Word 文档' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word 文档',
  },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'], label: 'Excel 表格' },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel 表格',
  },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const IMAGE_TYPES: readonly AttachmentType[] = ['jpeg', 'png', 'webp', 'heic'];

/** The `accept` attribute of a file picker offering exactly the accepted types. */
export const ATTACHMENT_ACCEPT = Object.values(ATTACHMENT_TYPES)
  .flatMap((t) => [t.mime, ...t.extensions.map((e) => `.${e}`)])
  .join(',');

export const ATTACHMENT_TYPES_TEXT = '图片（JPG、PNG、WebP、HEIC）、PDF、Word、Excel';

export function isImageMime(mime: string): boolean {
  return mime.startsWith('image/');
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

/** Does the byte string contain the ASCII text (for a ZIP's uncompressed entry names)? */
function contains(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** The type a file's content shows, or null for anything else (the name helps only to tell .doc from .xls). */
export function sniffAttachmentType(bytes: Uint8Array, filename: string): AttachmentType | null {
  const ext = extensionOf(filename);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) {
      return 'heic';
    }
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  // OLE2 compound file (Word 97-2003 .doc, Excel 97-2003 .xls): the name tells which.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return ext === 'xls' ? 'xls' : ext === 'doc' ? 'doc' : null;
  }
  // Office Open XML is a ZIP whose entry names say what it is.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (contains(bytes, 'word/')) return 'docx';
    if (contains(bytes, 'xl/')) return 'xlsx';
    return null;
  }
  return null;
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
}

function typeOfExtension(ext: string): AttachmentType | null {
  for (const [key, t] of Object.entries(ATTACHMENT_TYPES)) {
    if ((t.extensions as readonly string[]).includes(ext)) return key as AttachmentType;
  }
  return null;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Checks a file to keep: not empty, at most ATTACHMENT_MAX_BYTES, a name of an accepted type, and
 * content of that type (an image of one format named as another is accepted with the type its
 * content shows: phones name HEIC photos .jpg). Returns the MIME type to store.
 */
export function checkAttachment(
  bytes: Uint8Array,
  filename: string,
): { type: AttachmentType; mime: string } {
  if (bytes.length === 0) throw new DomainError('INVALID_INPUT', 'file', '文件为空，请重新选择');
  if (bytes.length > ATTACHMENT_MAX_BYTES) {
    throw new DomainError(
      'RULE_VIOLATION',
      'file',
      `文件「${filename}」为 ${formatFileSize(bytes.length)}，超过 ${formatFileSize(ATTACHMENT_MAX_BYTES)} 的上限，请压缩后再上传`,
    );
  }
  const named = typeOfExtension(extensionOf(filename));
  if (!named) {
    throw new DomainError(
      'RULE_VIOLATION',
      'filename',
      `不支持的文件类型「${filename}」：只能上传${ATTACHMENT_TYPES_TEXT}`,
    );
  }
  const actual = sniffAttachmentType(bytes, filename);
  const compatible =
    actual !== null &&
    (actual === named || (IMAGE_TYPES.includes(actual) && IMAGE_TYPES.includes(named)));
  if (!compatible) {
    throw new DomainError(
      'RULE_VIOLATION',
      'file',
      `文件「${filename}」的内容不是${ATTACHMENT_TYPES[named].label}（可能已损坏或被改了扩展名），请上传原始文件`,
    );
  }
  return { type: actual, mime: ATTACHMENT_TYPES[actual].mime };
}
