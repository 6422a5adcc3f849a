import ExcelJS from 'exceljs';

/** The workbook serialised for a tRPC answer (`{ filename, base64 }`). */
export async function toBase64(workbook: ExcelJS.Workbook): Promise<string> {
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer).toString('base64');
}

/** An uploaded .xlsx, or null when the bytes are not a workbook. */
export async function loadWorkbook(base64: string): Promise<ExcelJS.Workbook | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = Buffer.from(base64, 'base64');
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    return workbook;
  } catch {
    return null;
  }
}

/** A cell's value as trimmed text, whatever Excel stored (number, rich text, formula result, date). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result);
  if ('error' in value) return String(value.error);
  return '';
}
