import type { RegionCode } from './regions';

/**
 * The policy notices the rules come from, as people cite them. Code and logs keep the short
 * ids ("001", "§7"); screens and exports show the document number and the article
 * (常委〔2012〕5号 第七条) with the notice's title beside it.
 *
 * A notice binds the region that issued it and everything inside it (a city committee's notice
 * binds its counties, townships and villages). Any other region follows it only by adopting it
 * explicitly (参照执行), which a department records as a policy set of its own.
 */
export const NOTICE_IDS = ['000', '001', '002', '003', '004'] as const;
export type NoticeId = (typeof NOTICE_IDS)[number];

export interface Notice {
  id: NoticeId;
  /** Document number (文号), null when the notice carries none. */
  document: string | null;
  /** Title, with its book-title marks. */
  title: string;
  /** The body that issued it. */
  issuer: string;
  /** The region it binds (the issuer's region); subordinate regions are bound too. */
  regionCode: RegionCode;
  /** Date of issue (ISO). */
  issued: string;
  /**
   * How its sections are numbered: "article" — 1. 2. … 28. (cited 第七条); "part" — 一、二、…
   * with numbered items inside (cited 第三部分, 第四部分第3项).
   */
  numbering: 'article' | 'part';
  /** How people refer to it when it has no document number. */
  shortName: string;
}

export const NOTICES: Readonly<Record<NoticeId, Notice>> = {
  '000': {
    id: '000',
    document: null,
    title: '《关于扎实推进2015年基层党组织建设的通知》',
    issuer: '中共岳阳市委组织部',
    regionCode: '430600000000',
    issued: '2015-03-01',
    numbering: 'part',
    shortName: '岳阳市委组织部2015年基层党建通知',
  },
  '001': {
    id: '001',
    document: '常委〔2012〕5号',
    title: '《推进基层组织建设年进一步加强基层党建工作的意见》',
    issuer: '中共常德市委',
    regionCode: '430700000000',
    issued: '2012-06-20',
    numbering: 'article',
    shortName: '常德市委基层组织建设年意见',
  },
  '002': {
    id: '002',
    document: '娄组通〔2014〕10号',
    title: '《关于在党的群众路线教育实践活动中整顿软弱涣散基层党组织的通知》',
    issuer: '中共娄底市委党的群众路线教育实践活动领导小组办公室',
    regionCode: '431300000000',
    issued: '2014-12-18',
    numbering: 'part',
    shortName: '娄底市整顿软弱涣散基层党组织通知',
  },
  '003': {
    id: '003',
    document: '东组通〔2015〕34号',
    title: '《关于抓好基层治理加强基层党建的意见》',
    issuer: '中共东莞市委组织部',
    regionCode: '441900000000',
    issued: '2015-09-02',
    numbering: 'part',
    shortName: '东莞市委组织部基层治理意见',
  },
  '004': {
    id: '004',
    document: null,
    title: '《关于开展2015年度全镇村（社区）支部书记抓基层党建工作述职评议考核的通知》',
    issuer: '中共三堂街镇委员会',
    regionCode: '430922116000',
    issued: '2015-10-01',
    numbering: 'part',
    shortName: '三堂街镇2015年度书记述职评议考核通知',
  },
};

export function isNoticeId(id: string): id is NoticeId {
  return (NOTICE_IDS as readonly string[]).includes(id);
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 21 → 二十一, 100 → 一百 (1..999). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return `十${n % 10 === 0 ? '' : (DIGITS[n % 10] as string)}`;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${DIGITS[tens] as string}十${ones === 0 ? '' : (DIGITS[ones] as string)}`;
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return `${DIGITS[hundreds] as string}百`;
  return `${DIGITS[hundreds] as string}百${rest < 10 ? '零' : ''}${rest < 20 && rest >= 10 ? '一' : ''}${chineseNumeral(rest)}`;
}

/** One section reference in people's words: "§7" → 第七条 (article notices), "§4.3" → 第四部分第3项. */
function sectionWords(notice: Notice, ref: string): string {
  const attachment = /^附件\s*(\d+)$/.exec(ref);
  if (attachment) return `附件${attachment[1] as string}`;
  const m = /^§?\s*(\d+)(?:\.(\d+))?(?:\((.+)\))?$/.exec(ref);
  if (!m) return ref.replace(/^§/, '');
  const [, main = '', sub, paren] = m;
  const n = Number(main);
  const tail = paren ? `（${paren}）` : '';
  if (notice.numbering === 'article') {
    return `第${chineseNumeral(n)}条${sub ? `第${sub}项` : ''}${tail}`;
  }
  return `第${chineseNumeral(n)}部分${sub ? `第${sub}项` : ''}${tail}`;
}

/**
 * A section in people's words: "§7、§21" of 001 → "第七条、第二十一条"; "§2/§4" of 000 → "第二部分、
 * 第四部分"; "§4.3" of 003 → "第四部分第3项".
 */
export function formatSection(noticeId: NoticeId, section: string): string {
  const notice = NOTICES[noticeId];
  return section
    .split(/[、/,，]\s*/)
    .map((part) => sectionWords(notice, part.trim()))
    .join('、');
}

/** How people name a notice: its document number, or its issuer's short name when it has none. */
export function noticeName(noticeId: NoticeId): string {
  const n = NOTICES[noticeId];
  return n.document ?? n.shortName;
}

/**
 * A citation as people write it: "常委〔2012〕5号 第七条"; for a notice without a document number
 * "岳阳市委组织部2015年基层党建通知 第三部分". `title` gives the full title for a tooltip.
 */
export function citeNotice(noticeId: NoticeId, section?: string): { text: string; title: string } {
  const n = NOTICES[noticeId];
  const where = section ? ` ${formatSection(noticeId, section)}` : '';
  return {
    text: `${noticeName(noticeId)}${where}`,
    title: `${n.issuer}${n.title}${n.document ? `（${n.document}）` : ''}`,
  };
}

/** The citation text alone (for sentences and exports). */
export function citation(noticeId: NoticeId, section?: string): string {
  return citeNotice(noticeId, section).text;
}
