import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, checkAttachment, sniffAttachmentType } from './attachments';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe('attachments are accepted by their content', () => {
  it('recognises JPEG, PNG, WebP, HEIC and PDF by their first bytes', () => {
    expect(sniffAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0]), 'a')).toBe('jpeg');
    expect(sniffAttachmentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'a')).toBe(
      'png',
    );
    expect(sniffAttachmentType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'a')).toBe('webp');
    expect(sniffAttachmentType(bytes([0, 0, 0, 24], 'ftypheic'), 'a')).toBe('heic');
    expect(sniffAttachmentType(bytes('%PDF-1.7'), 'a')).toBe('pdf');
  });

  it('tells Word from Excel: OOXML by the entry names inside the ZIP, 97-2003 files by their name', () => {
    expect(sniffAttachmentType(bytes([0x50, 0x4b, 3, 4], 'word/document.xml'), 'a.docx')).toBe(
      'docx',
    );
    expect(sniffAttachmentType(bytes([0x50, 0x4b, 3, 4], 'xl/workbook.xml'), 'a.xlsx')).toBe(
      'xlsx',
    );
    expect(sniffAttachmentType(bytes([0x50, 0x4b, 3, 4], 'other/x'), 'a.docx')).toBeNull();
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    expect(sniffAttachmentType(bytes(ole), '台账.xls')).toBe('xls');
    expect(sniffAttachmentType(bytes(ole), '纪要.doc')).toBe('doc');
  });

  it('refuses a renamed file: a ZIP named .docx without Word content, a program named .jpg', () => {
    expect(() => checkAttachment(bytes('MZ', [0x90, 0]), '照片.jpg')).toThrow('内容不是JPEG 图片');
    expect(() => checkAttachment(bytes('%PDF-1.4'), '表格.xlsx')).toThrow('内容不是Excel 表格');
  });

  it('accepts a phone photo whose name says JPEG but whose content is HEIC, as HEIC', () => {
    expect(checkAttachment(bytes([0, 0, 0, 24], 'ftypheic'), 'IMG_0001.JPG').mime).toBe(
      'image/heic',
    );
  });

  it('refuses empty files, files over 10 MB and names of other types', () => {
    expect(() => checkAttachment(new Uint8Array(0), 'a.pdf')).toThrow('文件为空');
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(bytes('%PDF-'));
    expect(() => checkAttachment(big, 'a.pdf')).toThrow('超过 10.0 MB 的上限');
    const exactly = new Uint8Array(ATTACHMENT_MAX_BYTES);
    exactly.set(bytes('%PDF-'));
    expect(checkAttachment(exactly, 'a.pdf').mime).toBe('application/pdf');
    expect(() => checkAttachment(bytes('%PDF-'), 'a.exe')).toThrow('不支持的文件类型');
  });
});
