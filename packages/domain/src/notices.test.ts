import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  citation,
  citeNotice,
  formatSection,
  isNoticeId,
  NOTICE_IDS,
  NOTICES,
  noticeName,
} from './notices';

describe('notices as people cite them', () => {
  it('numbers articles in Chinese numerals (一 … 九百九十九)', () => {
    expect([0, 1, 10, 11, 20, 21, 99, 100, 105, 110, 121, 999].map(chineseNumeral)).toEqual([
      '零',
      '一',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '一百二十一',
      '九百九十九',
    ]);
    expect([1000, -1, 1.5].map(chineseNumeral)).toEqual(['1000', '-1', '1.5']);
  });

  it('cites an article notice by article and a part notice by part and item', () => {
    expect(citation('001', '§7')).toBe('常委〔2012〕5号 第七条');
    expect(citation('001', '§7、§21')).toBe('常委〔2012〕5号 第七条、第二十一条');
    expect(citation('003', '§4.3')).toBe('东组通〔2015〕34号 第四部分第3项');
    expect(citation('000', '§2/§4')).toBe('岳阳市委组织部2015年基层党建通知 第二部分、第四部分');
    expect(citation('002', '附件1')).toBe('娄组通〔2014〕10号 附件1');
    expect(formatSection('004', '§2(三)')).toBe('第二部分（三）');
    expect(formatSection('001', '序言')).toBe('序言');
    expect(citation('001')).toBe('常委〔2012〕5号');
  });

  it('names a notice without a document number by its issuer, with the full title for a tooltip', () => {
    expect(noticeName('004')).toBe('三堂街镇2015年度书记述职评议考核通知');
    expect(citeNotice('001', '§9')).toEqual({
      text: '常委〔2012〕5号 第九条',
      title: '中共常德市委《推进基层组织建设年进一步加强基层党建工作的意见》（常委〔2012〕5号）',
    });
    expect(citeNotice('000').title).toBe(
      '中共岳阳市委组织部《关于扎实推进2015年基层党组织建设的通知》',
    );
  });

  it('each notice binds the region that issued it (a 12-digit code) and is known by its id', () => {
    for (const id of NOTICE_IDS) {
      expect(isNoticeId(id)).toBe(true);
      expect(NOTICES[id].regionCode).toMatch(/^\d{12}$/);
    }
    expect(isNoticeId('005')).toBe(false);
    expect(NOTICES['003'].regionCode).toBe('441900000000');
    expect(NOTICES['004'].regionCode).toBe('430922116000');
  });
});
