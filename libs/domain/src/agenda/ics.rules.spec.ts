import fc from 'fast-check';
import {
  ICS_MAX_LINE_OCTETS,
  type IcsEvent,
  icsCalendar,
  icsEscapeText,
  icsFoldLine,
  icsUnfold,
  icsUtcDateTime,
  initiales,
  utf8ByteLength,
} from './ics.rules';

const at = (iso: string) => new Date(iso);
const RDV_ID = '7d3c1a52-6a0e-4d43-9c55-1a2b3c4d5e6f';

const rdv = (overrides: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: `${RDV_ID}@imilo`,
  sequence: 0,
  start: at('2026-12-07T09:30:00+04:00'),
  end: at('2026-12-07T10:15:00+04:00'),
  stamp: at('2026-11-29T10:00:00Z'),
  summary: 'Rendez-vous Mission Locale',
  ...overrides,
});

/** The physical lines of a calendar, checking it ends with a CRLF and has no bare CR or LF. */
const linesOf = (text: string): string[] => {
  expect(text.endsWith('\r\n')).withContext('ends with CRLF').toBeTrue();
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(/[\r\n]/.test(line)).withContext(`bare CR or LF in ${JSON.stringify(line)}`).toBeFalse();
  }
  return lines;
};

/** No lone surrogate: no character was cut in half. */
const wellFormed = (text: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** The unfolded content line of a property, e.g. `SUMMARY:…`. */
const property = (text: string, name: string): string | undefined =>
  icsUnfold(text)
    .split('\r\n')
    .find((line) => line.startsWith(`${name}:`));

describe('icsCalendar', () => {
  it('when an invitation is built, it is exactly the expected VCALENDAR, line by line, with CRLF endings', () => {
    const text = icsCalendar({
      method: 'REQUEST',
      events: [
        rdv({
          sequence: 2,
          location: 'Mission Locale Est, Saint-Benoît',
          description: 'Apporter : pièce d’identité; CV',
          status: 'CONFIRMED',
          url: 'https://imilo.example/agenda/rdv/1?x=a,b',
        }),
      ],
    });

    expect(linesOf(text)).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//imilo//Agenda//FR',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      `UID:${RDV_ID}@imilo`,
      'SEQUENCE:2',
      'DTSTAMP:20261129T100000Z',
      'DTSTART:20261207T053000Z',
      'DTEND:20261207T061500Z',
      'SUMMARY:Rendez-vous Mission Locale',
      'LOCATION:Mission Locale Est\\, Saint-Benoît',
      'DESCRIPTION:Apporter : pièce d’identité\\; CV',
      'STATUS:CONFIRMED',
      'URL:https://imilo.example/agenda/rdv/1?x=a,b',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('when a feed has a name and several events, it is a PUBLISH with X-WR-CALNAME and one VEVENT per event, in order', () => {
    const text = icsCalendar({
      method: 'PUBLISH',
      name: 'Mon agenda, iMilo',
      events: [rdv({ uid: 'a@imilo' }), rdv({ uid: 'b@imilo', summary: 'Session collective' })],
    });
    const lines = linesOf(text);

    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//imilo//Agenda//FR',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Mon agenda\\, iMilo',
    ]);
    expect(lines.filter((line) => line.startsWith('UID:'))).toEqual(['UID:a@imilo', 'UID:b@imilo']);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT').length).toBe(2);
    expect(lines.filter((line) => line === 'END:VEVENT').length).toBe(2);
  });

  it('when there is no name, no location, no description, no status and no url, none of those lines is written', () => {
    const lines = linesOf(icsCalendar({ method: 'PUBLISH', events: [rdv({ location: null, description: '' })] }));

    for (const name of ['X-WR-CALNAME', 'LOCATION', 'DESCRIPTION', 'STATUS', 'URL']) {
      expect(lines.some((line) => line.startsWith(`${name}:`))).withContext(name).toBeFalse();
    }
  });

  it('when a feed has no event, it is still a valid empty VCALENDAR', () => {
    expect(linesOf(icsCalendar({ method: 'PUBLISH', events: [] }))).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//imilo//Agenda//FR',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'END:VCALENDAR',
    ]);
  });

  it('when the calendar is a CANCEL, every event is STATUS:CANCELLED, even one given as CONFIRMED or with no status', () => {
    const text = icsCalendar({
      method: 'CANCEL',
      events: [rdv({ uid: 'a@imilo', status: 'CONFIRMED', sequence: 3 }), rdv({ uid: 'b@imilo' })],
    });
    const lines = linesOf(text);

    expect(lines).toContain('METHOD:CANCEL');
    expect(lines.filter((line) => line.startsWith('STATUS:'))).toEqual(['STATUS:CANCELLED', 'STATUS:CANCELLED']);
    expect(lines).toContain('SEQUENCE:3');
  });

  it('when an event is CANCELLED in a PUBLISH feed, its status is kept as given', () => {
    expect(linesOf(icsCalendar({ method: 'PUBLISH', events: [rdv({ status: 'CANCELLED' })] }))).toContain('STATUS:CANCELLED');
  });

  it('when the rendez-vous changes, the sequence is written as given while the UID stays the same', () => {
    const first = icsCalendar({ method: 'REQUEST', events: [rdv({ sequence: 0 })] });
    const updated = icsCalendar({ method: 'REQUEST', events: [rdv({ sequence: 1, start: at('2026-12-08T09:30:00+04:00') })] });

    expect(property(first, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(property(updated, 'SEQUENCE')).toBe('SEQUENCE:1');
    expect(property(first, 'UID')).toBe(property(updated, 'UID'));
  });

  it('when an invitation has an organizer and the jeune as attendee, both are written as mailto addresses (CN quoted when needed)', () => {
    const organizer = { name: 'Mission Locale Sud Réunion', email: 'no-reply@ml-sud.re' };
    const attendee = { name: 'Inès Benali', email: 'ines.benali@example.fr' };
    const request = icsUnfold(icsCalendar({ method: 'REQUEST', events: [rdv({ organizer, attendees: [attendee] })] }));
    const cancel = icsUnfold(icsCalendar({ method: 'CANCEL', events: [rdv({ organizer: { name: 'ML : Sud, "Réunion"', email: organizer.email }, attendees: [attendee] })] }));

    expect(request).toContain('ORGANIZER;CN=Mission Locale Sud Réunion:mailto:no-reply@ml-sud.re\r\n');
    expect(request).toContain('ATTENDEE;CN=Inès Benali;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:ines.benali@example.fr\r\n');
    expect(cancel).toContain('ORGANIZER;CN="ML : Sud, Réunion":mailto:no-reply@ml-sud.re\r\n');
    expect(cancel).toContain('PARTSTAT=DECLINED');
    expect(icsCalendar({ method: 'PUBLISH', events: [rdv()] })).not.toMatch(/ORGANIZER|ATTENDEE/);
  });

  it('when the sequence is negative or not an integer, it is a programming error (RangeError)', () => {
    expect(() => icsCalendar({ method: 'REQUEST', events: [rdv({ sequence: -1 })] })).toThrowError(RangeError);
    expect(() => icsCalendar({ method: 'REQUEST', events: [rdv({ sequence: 1.5 })] })).toThrowError(RangeError);
    expect(() => icsCalendar({ method: 'REQUEST', events: [rdv({ sequence: Number.NaN })] })).toThrowError(RangeError);
  });

  it('when a date is invalid, it is a programming error (RangeError)', () => {
    expect(() => icsCalendar({ method: 'REQUEST', events: [rdv({ start: new Date(Number.NaN) })] })).toThrowError(RangeError);
  });

  it('when the summary, location and description hold ; , \\ and line breaks, they are escaped and stay on one content line', () => {
    const text = icsCalendar({
      method: 'REQUEST',
      events: [
        rdv({
          summary: 'Atelier CV; lettre, entretien',
          location: 'Salle 2\\B',
          description: 'Ligne 1\nLigne 2\r\nLigne 3\rFin',
        }),
      ],
    });

    expect(property(text, 'SUMMARY')).toBe('SUMMARY:Atelier CV\\; lettre\\, entretien');
    expect(property(text, 'LOCATION')).toBe('LOCATION:Salle 2\\\\B');
    expect(property(text, 'DESCRIPTION')).toBe('DESCRIPTION:Ligne 1\\nLigne 2\\nLigne 3\\nFin');
    linesOf(text);
  });

  it('when a long French summary with accents is written, no physical line is over 75 octets and unfolding gives it back', () => {
    const summary =
      'Entretien d’accompagnement renforcé : préparation à l’entrée en formation qualifiante « Aide-soignant·e » ' +
      'à l’Institut de formation de Saint-Pierre, étape décisive du parcours CEJ — pièces à réunir, échéancier, àéèêëîïôöùûüç';
    const text = icsCalendar({ method: 'REQUEST', events: [rdv({ summary })] });
    const lines = linesOf(text);

    for (const line of lines) {
      expect(utf8ByteLength(line)).withContext(line).toBeLessThanOrEqual(ICS_MAX_LINE_OCTETS);
    }
    const summaryLines = lines.slice(lines.findIndex((line) => line.startsWith('SUMMARY:')));
    expect(summaryLines[1].startsWith(' ')).toBeTrue();
    expect(property(text, 'SUMMARY')).toBe(`SUMMARY:${icsEscapeText(summary)}`);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(text))).toBe(text);
  });
});

describe('icsFoldLine', () => {
  it('when a two-octet character would straddle the 75th octet, it moves whole to the next line (74 octets on the first)', () => {
    const head = `SUMMARY:${'a'.repeat(66)}`; // 74 octets
    const folded = icsFoldLine(`${head}éz`);

    expect(folded.split('\r\n')).toEqual([head, ' éz']);
  });

  it('when a line is exactly 75 octets, it is not folded; at 76 the last octet goes to a continuation line', () => {
    const exact = `SUMMARY:${'a'.repeat(67)}`;

    expect(icsFoldLine(exact)).toBe(exact);
    expect(icsFoldLine(`${exact}b`)).toBe(`${exact}\r\n b`);
  });

  it('when a continuation line is full, it holds 74 octets after its leading space', () => {
    const parts = icsFoldLine('x'.repeat(75 + 74 + 10)).split('\r\n');

    expect(parts.map((part) => part.length)).toEqual([75, 75, 11]);
  });

  it('when a line holds emoji (surrogate pairs, four octets), they are never split', () => {
    const parts = icsFoldLine(`SUMMARY:${'😀'.repeat(40)}`).split('\r\n');

    for (const part of parts) {
      expect(wellFormed(part)).withContext(part).toBeTrue();
      expect(utf8ByteLength(part)).toBeLessThanOrEqual(75);
    }
  });

  it('for any text, no folded line is over 75 octets, none splits a character, and unfolding gives back the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${icsEscapeText(text)}`;
        const parts = icsFoldLine(line).split('\r\n');
        return (
          parts.every((part) => utf8ByteLength(part) <= ICS_MAX_LINE_OCTETS && wellFormed(part)) &&
          parts.slice(1).every((part) => part.startsWith(' ')) &&
          icsUnfold(parts.join('\r\n')) === line
        );
      }),
    );
  });
});

describe('utf8ByteLength', () => {
  it('counts UTF-8 octets like TextEncoder does', () => {
    for (const text of ['', 'abc', 'é', 'Réunion', '’', '€', '😀', 'a😀é']) {
      expect(utf8ByteLength(text)).withContext(text).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('icsUtcDateTime', () => {
  it('when the instant is a La Réunion local time (UTC+4, no DST), it is written in UTC basic format', () => {
    expect(icsUtcDateTime(at('2026-12-07T09:30:00+04:00'))).toBe('20261207T053000Z');
    expect(icsUtcDateTime(at('2026-07-01T02:15:00+04:00'))).toBe('20260630T221500Z');
  });

  it('when the instant has milliseconds, they are dropped', () => {
    expect(icsUtcDateTime(at('2026-01-02T03:04:05.999Z'))).toBe('20260102T030405Z');
  });

  it('when the date is invalid, it throws a RangeError', () => {
    expect(() => icsUtcDateTime(new Date('nope'))).toThrowError(RangeError);
  });
});

describe('icsEscapeText', () => {
  it('escapes backslash first, then ; and , and turns every line break into \\n', () => {
    expect(icsEscapeText('a\\;b')).toBe('a\\\\\\;b');
    expect(icsEscapeText('1,2;3')).toBe('1\\,2\\;3');
    expect(icsEscapeText('a\r\nb\nc\rd')).toBe('a\\nb\\nc\\nd');
  });

  it('keeps a colon, a double quote and a tab, and drops other control characters', () => {
    expect(icsEscapeText('9:30 "ok"\tfin\u0000\u0007')).toBe('9:30 "ok"\tfin');
  });
});

describe('initiales', () => {
  it('when the names are accented, the initials keep their accents: "Élodie Lebon" → "É. L."', () => {
    expect(initiales('Élodie', 'Lebon')).toBe('É. L.');
    expect(initiales('Ève', 'Éthève')).toBe('È. É.');
  });

  it('when the names are lower case or decomposed (NFD), the initials are upper case and composed', () => {
    expect(initiales('élodie', 'lebon')).toBe('É. L.');
    expect(initiales('E\u0301lodie', 'Lebon')).toBe('\u00c9. L.');
  });

  it('when the first name is compound, each part gives an initial, hyphen kept: "Jean-Marc" → "J.-M."', () => {
    expect(initiales('Jean-Marc', 'Hoarau')).toBe('J.-M. H.');
    expect(initiales('Marie Claire', 'Payet')).toBe('M. C. P.');
    expect(initiales('Jean-Marc', 'Le Gall-Dupont')).toBe('J.-M. L. G.-D.');
  });

  it('when parts are empty or blank, they are skipped', () => {
    expect(initiales('', 'Lebon')).toBe('L.');
    expect(initiales('Élodie', '')).toBe('É.');
    expect(initiales('  ', '  ')).toBe('');
    expect(initiales(null, undefined)).toBe('');
    expect(initiales('Jean--Marc', ' Hoarau ')).toBe('J.-M. H.');
    expect(initiales('-Marc-', 'Payet')).toBe('M. P.');
  });

  it('when a part starts with an apostrophe or a non-letter, its first letter is taken', () => {
    expect(initiales('Anne', "d'Estaing")).toBe('A. D.');
  });
});
