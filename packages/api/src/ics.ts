/**
 * A minimal iCalendar writer (RFC 5545) for training classes: CRLF line endings (§3.1), lines
 * folded at 75 octets without splitting a UTF-8 character (§3.1), TEXT values escaped (§3.3.11).
 * A class with daily times is one event per class day (the first day's times, repeated daily by
 * RRULE up to the last day), in China time: DTSTART/DTEND carry TZID=Asia/Shanghai and the
 * calendar holds its VTIMEZONE (UTC+8, no daylight saving; §3.6.5). Without times, an all-day
 * event (DATE values).
 */

export interface IcsEvent {
  uid: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, inclusive, YYYY-MM-DD (written as DTEND = the day after, §3.6.1). */
  end: string;
  /** When each day starts and ends, China time, 'HH:MM' (both or neither). */
  startTime?: string | null;
  endTime?: string | null;
  summary: string;
  location?: string | null;
  description?: string | null;
  /** When the file was produced (DTSTAMP, UTC). */
  stamp: Date;
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line into lines of at most 75 octets; continuation lines start with one space
 * (RFC 5545 §3.1). Multi-octet UTF-8 characters are never split.
 */
export function foldLine(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (octets + size > limit) {
      out.push(out.length === 0 ? current : ` ${current}`);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(out.length === 0 ? current : ` ${current}`);
  return out;
}

function basicDate(iso: string): string {
  return iso.replaceAll('-', '');
}

function dayAfter(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function utcStamp(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export const ICS_TIME_ZONE = 'Asia/Shanghai';

/** Asia/Shanghai: UTC+8 all year (no daylight saving since 1991). */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICS_TIME_ZONE}`,
  `X-LIC-LOCATION:${ICS_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** '2026-06-01' and '08:30' → '20260601T083000' (a local time, with TZID). */
function localDateTime(iso: string, hhmm: string): string {
  return `${basicDate(iso)}T${hhmm.slice(0, 5).replace(':', '')}00`;
}

function dayCount(start: string, end: string): number {
  return (
    Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1
  );
}

function timing(e: IcsEvent): string[] {
  if (!e.startTime || !e.endTime) {
    return [
      `DTSTART;VALUE=DATE:${basicDate(e.start)}`,
      `DTEND;VALUE=DATE:${basicDate(dayAfter(e.end))}`,
    ];
  }
  const n = dayCount(e.start, e.end);
  return [
    `DTSTART;TZID=${ICS_TIME_ZONE}:${localDateTime(e.start, e.startTime)}`,
    `DTEND;TZID=${ICS_TIME_ZONE}:${localDateTime(e.start, e.endTime)}`,
    ...(n > 1 ? [`RRULE:FREQ=DAILY;COUNT=${n}`] : []),
  ];
}

/** A VCALENDAR with one VEVENT per event, as text with CRLF line endings. */
export function buildCalendar(name: string, events: readonly IcsEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//dangjian//training//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${ICS_TIME_ZONE}`,
    ...(events.some((e) => e.startTime && e.endTime) ? VTIMEZONE : []),
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(e.stamp)}`,
      ...timing(e),
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.flatMap(foldLine).join('\r\n')}\r\n`;
}
