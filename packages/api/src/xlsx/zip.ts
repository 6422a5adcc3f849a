import { crc32, createInflateRaw } from 'node:zlib';

/*
 * The zip container of an uploaded .xlsx, checked before anything inflates it (a zip bomb is
 * refused on what its central directory declares, and a directory that lies about sizes is caught
 * while counting, never holding the inflated bytes), then re-packed with only the parts the
 * import reader needs, in the order it needs them. Plain zip only: no zip64, no encryption, no
 * compression other than stored/deflate (Excel, WPS and LibreOffice write nothing else for a
 * sheet of this size).
 */

export interface ZipLimits {
  /** Most entries (files and folders) in the archive. */
  maxEntries: number;
  /** Most bytes all entries together may inflate to. */
  maxTotalBytes: number;
  /** Highest inflated : compressed ratio of an entry larger than `ratioGraceBytes`. */
  maxRatio: number;
  ratioGraceBytes: number;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: 0 | 8;
  crc32: number;
  /** Declared inflated size (checked against the real one by `checkInflatedSizes`). */
  size: number;
  /** The compressed bytes (a view into the upload, not a copy). */
  data: Buffer;
}

export type ZipProblem =
  | { kind: 'not-zip' }
  | { kind: 'unsupported' }
  | { kind: 'too-many-entries'; count: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'ratio'; name: string; ratio: number }
  | { kind: 'size-mismatch'; name: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The end-of-central-directory record: the last signature within 64 KiB + 22 bytes of the end. */
function findEnd(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/**
 * The entries of a zip as its central directory lists them, or the first problem found. Only
 * the directory and the local headers are read (nothing is inflated): entry count, every declared
 * size and ratio, and the total are checked here.
 */
export function readZipDirectory(
  bytes: Buffer,
  limits: ZipLimits,
): { entries: ZipEntry[] } | { problem: ZipProblem } {
  const end = bytes.length >= 22 ? findEnd(bytes) : -1;
  if (end < 0) return { problem: { kind: 'not-zip' } };
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryAt = bytes.readUInt32LE(end + 16);
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 8) !== count)
    return { problem: { kind: 'unsupported' } }; // split over several disks
  if (count === 0xffff || directoryAt === 0xffffffff) return { problem: { kind: 'unsupported' } }; // zip64
  if (count > limits.maxEntries) return { problem: { kind: 'too-many-entries', count } };
  if (directoryAt + directorySize > end) return { problem: { kind: 'not-zip' } };

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = directoryAt;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL)
      return { problem: { kind: 'not-zip' } };
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const localAt = bytes.readUInt32LE(at + 42);
    if (next > end) return { problem: { kind: 'not-zip' } };
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 0x1 || (method !== 0 && method !== 8)) return { problem: { kind: 'unsupported' } };
    if (size === 0xffffffff || compressedSize === 0xffffffff || localAt === 0xffffffff)
      return { problem: { kind: 'unsupported' } };
    if (names.has(name)) return { problem: { kind: 'not-zip' } };
    names.add(name);
    total += size;
    if (total > limits.maxTotalBytes) return { problem: { kind: 'too-large', bytes: total } };
    const ratio = size / Math.max(1, compressedSize);
    if (size > limits.ratioGraceBytes && ratio > limits.maxRatio)
      return { problem: { kind: 'ratio', name, ratio } };
    if (method === 0 && size !== compressedSize) return { problem: { kind: 'not-zip' } };
    // The local header (its name and extra field may differ in length from the directory's).
    if (localAt + 30 > directoryAt || bytes.readUInt32LE(localAt) !== LOCAL)
      return { problem: { kind: 'not-zip' } };
    const dataAt =
      localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    if (dataAt + compressedSize > directoryAt) return { problem: { kind: 'not-zip' } };
    entries.push({
      name,
      method,
      crc32: crc,
      size,
      data: bytes.subarray(dataAt, dataAt + compressedSize),
    });
    at = next;
  }
  return { entries };
}

/** Bytes an entry really inflates to, counted without keeping them; stops once past `cap`. */
function inflatedLength(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let length = 0;
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > cap) {
        inflate.destroy();
        resolve(length);
      }
    });
    inflate.on('end', () => resolve(length));
    inflate.on('error', reject);
    inflate.end(data);
  });
}

/**
 * Inflates each entry once, counting (never keeping) the bytes, and refuses one whose real size
 * is not the size its directory declares: after this, the declared sizes checked by
 * `readZipDirectory` are the sizes a reader will meet. A corrupt deflate stream is `not-zip`.
 */
export async function checkInflatedSizes(entries: readonly ZipEntry[]): Promise<ZipProblem | null> {
  for (const e of entries) {
    if (e.method === 0) continue;
    let length: number;
    try {
      length = await inflatedLength(e.data, e.size);
    } catch {
      return { kind: 'not-zip' };
    }
    if (length !== e.size) return { kind: 'size-mismatch', name: e.name };
  }
  return null;
}

/** A stored (uncompressed) entry, e.g. a part the reader needs but the upload lacks. */
export function storedEntry(name: string, content: string): ZipEntry {
  const data = Buffer.from(content, 'utf8');
  return { name, method: 0, crc32: crc32(data), size: data.length, data };
}

/**
 * A plain zip of `entries` in the given order: local headers with the exact sizes (no data
 * descriptors, no extra fields), the compressed bytes copied as they are, then the central
 * directory. Names are written as UTF-8.
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x800, 6); // names are UTF-8
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(e.crc32, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    local.copy(central, 6, 4, 26); // version needed … sizes: the same fields as the local header
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    parts.push(local, name, e.data);
    offset += local.length + name.length + e.data.length;
  }
  const directorySize = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
