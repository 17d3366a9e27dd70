// A small RFC 5545 (iCalendar) writer for the agenda (#5): the .ics attached to an invitation e-mail (METHOD:REQUEST,
// METHOD:CANCEL on a cancellation) and the per-user feed (METHOD:PUBLISH). No library, no Node-only API: the text is
// built from strings, times are always written in UTC (so no VTIMEZONE is needed).

/** The iTIP method of a calendar (RFC 5546): an invitation or its update, a cancellation, or a plain feed. */
export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

/** One VEVENT, as the agenda hands it over. */
export interface IcsEvent {
  /** Globally unique and stable across updates, e.g. `${id}@imilo`. */
  readonly uid: string;
  /** The revision (ics_sequence), incremented at each change of the rendez-vous: a non-negative integer. */
  readonly sequence: number;
  readonly start: Date;
  readonly end: Date;
  /** DTSTAMP: when this version of the object was produced. */
  readonly stamp: Date;
  readonly summary: string;
  readonly location?: string | null;
  readonly description?: string | null;
  /** Forced to CANCELLED in a CANCEL calendar. */
  readonly status?: 'CONFIRMED' | 'CANCELLED';
  readonly url?: string;
  /**
   * Who sends the invitation (iTIP): calendar clients, Outlook first, match a later REQUEST or CANCEL to the event by
   * UID *and* ORGANIZER, and only offer to accept an invitation that has one.
   */
  readonly organizer?: IcsPerson;
  /** Who is invited (the jeune): their client shows the event as theirs, to accept or to remove. */
  readonly attendees?: readonly IcsPerson[];
}

/** A person of an invitation: a display name and an e-mail address. */
export interface IcsPerson {
  readonly name: string;
  readonly email: string;
}

export interface IcsCalendarInput {
  readonly method: IcsMethod;
  /** X-WR-CALNAME: the name a client shows for a subscribed feed. */
  readonly name?: string;
  readonly events: readonly IcsEvent[];
}

export const ICS_PRODID = '-//imilo//Agenda//FR';

/** RFC 5545 §3.1: a content line is at most 75 octets, excluding the CRLF. */
export const ICS_MAX_LINE_OCTETS = 75;

const CRLF = '\r\n';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** An instant in the UTC basic format of RFC 5545 §3.3.5 (form #2), e.g. `20261207T053000Z`; milliseconds dropped. */
export const icsUtcDateTime = (instant: Date): string => {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
  return (
    `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
};

/**
 * A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, any line break (CRLF, CR
 * or LF) becomes `\n`. Other control characters, which TEXT may not hold (HTAB aside), are dropped.
 */
export const icsEscapeText = (value: string): string =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

/** A URI value: not escaped (a comma is legal in it), but never able to break a line. */
const icsUri = (value: string): string =>
  value.replace(/[\u0000-\u001f\u007f]/g, '');

/** The UTF-8 length of one code point. */
const utf8Length = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/** The UTF-8 length of a string, in octets. */
export const utf8ByteLength = (value: string): number => {
  let length = 0;
  for (const char of value) {
    length += utf8Length(char.codePointAt(0) ?? 0);
  }
  return length;
};

/**
 * A content line folded (RFC 5545 §3.1): no physical line over 75 UTF-8 octets, each continuation starting with one
 * space (which counts in its 75), a multi-byte character (or a surrogate pair) never split. Joined by CRLF, without
 * the final CRLF.
 */
export const icsFoldLine = (line: string): string => {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > ICS_MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
};

const optionalText = (name: string, value: string | null | undefined): string[] =>
  value === null || value === undefined || value === '' ? [] : [`${name}:${icsEscapeText(value)}`];

// RFC 5545 §3.2: a parameter value with a colon, semicolon or comma is quoted; a double quote cannot appear in it.
const paramValue = (value: string): string => {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
};

const calAddress = (person: IcsPerson): string => `mailto:${person.email.replace(/[\s"<>]/g, '')}`;

const people = (method: IcsMethod, organizer: IcsPerson | undefined, attendees: readonly IcsPerson[]): string[] => [
  ...(organizer ? [`ORGANIZER;CN=${paramValue(organizer.name)}:${calAddress(organizer)}`] : []),
  ...attendees.map(
    (attendee) =>
      `ATTENDEE;CN=${paramValue(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${method === 'CANCEL' ? 'DECLINED' : 'NEEDS-ACTION'};RSVP=FALSE:${calAddress(attendee)}`,
  ),
];

const eventLines = (event: IcsEvent, method: IcsMethod): string[] => {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`sequence must be a non-negative integer, got ${event.sequence}`);
  }
  const status = method === 'CANCEL' ? 'CANCELLED' : event.status;
  return [
    'BEGIN:VEVENT',
    `UID:${icsEscapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtcDateTime(event.stamp)}`,
    `DTSTART:${icsUtcDateTime(event.start)}`,
    `DTEND:${icsUtcDateTime(event.end)}`,
    `SUMMARY:${icsEscapeText(event.summary)}`,
    ...optionalText('LOCATION', event.location),
    ...optionalText('DESCRIPTION', event.description),
    ...(status ? [`STATUS:${status}`] : []),
    ...(event.url ? [`URL:${icsUri(event.url)}`] : []),
    ...people(method, event.organizer, event.attendees ?? []),
    'END:VEVENT',
  ];
};

/**
 * The text of a VCALENDAR (RFC 5545): CRLF line endings (the last line included), lines folded at 75 octets, TEXT
 * values escaped, times in UTC. A CANCEL calendar marks every event STATUS:CANCELLED. Throws a RangeError on an
 * invalid date or sequence (a programming error, not a user one).
 */
export const icsCalendar = ({ method, name, events }: IcsCalendarInput): string => {
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICS_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    ...optionalText('X-WR-CALNAME', name),
    ...events.flatMap((event) => eventLines(event, method)),
    'END:VCALENDAR',
  ];
  return lines.map((line) => icsFoldLine(line) + CRLF).join('');
};

/** Undoes the folding of RFC 5545 §3.1 (a CRLF followed by one space or tab disappears). */
export const icsUnfold = (text: string): string => text.replace(/\r\n[ \t]/g, '');

/** The first letter of a name part, upper-cased, with any combining mark it carries (NFC first). */
const initialOf = (part: string): string => {
  const match = /\p{L}\p{M}*/u.exec(part);
  return match ? `${match[0].toLocaleUpperCase('fr-FR')}.` : '';
};

/** "Jean-Marc" → "J.-M.", "Le Gall" → "L. G.", "" → "": empty parts and stray separators are skipped. */
const initialsOfName = (name: string): string => {
  let out = '';
  let hyphenated = false;
  for (const token of name.normalize('NFC').split(/([\s\-\u2010\u2011]+)/u)) {
    const initial = initialOf(token);
    if (!initial) {
      hyphenated ||= /[-\u2010\u2011]/u.test(token);
      continue;
    }
    if (out) {
      out += hyphenated ? '-' : ' ';
    }
    out += initial;
    hyphenated = false;
  }
  return out;
};

/**
 * The initials the ICS feed shows by default instead of a name (#5, privacy): "Élodie", "Lebon" → "É. L.";
 * "Jean-Marc", "Hoarau" → "J.-M. H.". Accents are kept, empty or blank parts are skipped ("" for both).
 */
export const initiales = (prenom: string | null | undefined, nom: string | null | undefined): string =>
  [initialsOfName(prenom ?? ''), initialsOfName(nom ?? '')].filter((part) => part !== '').join(' ');
