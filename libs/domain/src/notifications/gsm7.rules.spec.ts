import { GSM7_BASIC, GSM7_EXTENSION, isGsm7, smsSegments, toGsm7 } from './gsm7.rules';

describe('GSM7_BASIC and GSM7_EXTENSION', () => {
  it('when read, the basic set has 128 codes with the escape at 0x1B and the letters at their 03.38 places', () => {
    expect(GSM7_BASIC.length).toBe(128);
    expect(GSM7_BASIC[0x1b]).toBeNull();
    expect(GSM7_BASIC[0x00]).toBe('@');
    expect(GSM7_BASIC[0x09]).toBe('Ç');
    expect(GSM7_BASIC[0x1f]).toBe('É');
    expect(GSM7_BASIC[0x24]).toBe('¤');
    expect(GSM7_BASIC[0x40]).toBe('¡');
    expect(GSM7_BASIC[0x60]).toBe('¿');
    expect(GSM7_BASIC[0x7f]).toBe('à');
    expect(GSM7_BASIC.slice(0x41, 0x5b).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(GSM7_BASIC.slice(0x61, 0x7b).join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(new Set(GSM7_BASIC.filter((char) => char !== null)).size).toBe(127);
  });

  it('when read, the extension table holds exactly the ten characters of 03.38', () => {
    expect(GSM7_EXTENSION).toEqual({
      0x0a: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2f: '\\', 0x3c: '[', 0x3d: '~', 0x3e: ']', 0x40: '|', 0x65: '€',
    });
  });
});

describe('toGsm7', () => {
  const TYPOGRAPHY: readonly (readonly [string, string, string])[] = [
    ['\u2019', "'", 'apostrophe ’'],
    ['\u2018', "'", 'opening single quote ‘'],
    ['\u201c', '"', 'opening double quote “'],
    ['\u201d', '"', 'closing double quote ”'],
    ['\u00ab', '"', 'guillemet «'],
    ['\u00bb', '"', 'guillemet »'],
    ['\u2013', '-', 'en dash –'],
    ['\u2014', '-', 'em dash —'],
    ['\u2026', '...', 'ellipsis …'],
    ['\u00a0', ' ', 'no-break space'],
    ['\u202f', ' ', 'narrow no-break space'],
    ['\u0153', 'oe', 'œ'],
    ['\u0152', 'OE', 'Œ'],
  ];
  for (const [from, to, name] of TYPOGRAPHY) {
    it(`when a text carries the ${name}, it is replaced by ${JSON.stringify(to)} and reported`, () => {
      expect(toGsm7(`a${from}b`)).toEqual({ text: `a${to}b`, replaced: [{ from, to }] });
    });
  }

  const ACCENTS: readonly (readonly [string, string])[] = [
    ['â', 'a'], ['ê', 'e'], ['ë', 'e'], ['î', 'i'], ['ï', 'i'], ['ô', 'o'], ['û', 'u'], ['ç', 'c'], ['ÿ', 'y'],
    ['À', 'A'], ['Â', 'A'], ['È', 'E'], ['Ê', 'E'], ['Ë', 'E'], ['Î', 'I'], ['Ï', 'I'], ['Ô', 'O'], ['Ù', 'U'], ['Û', 'U'],
    ['Ÿ', 'Y'], ['á', 'a'], ['í', 'i'], ['ó', 'o'], ['ú', 'u'],
  ];
  for (const [from, to] of ACCENTS) {
    it(`when a text carries ${from}, which is not GSM-7, it loses its accent: ${to}`, () => {
      expect(toGsm7(from)).toEqual({ text: to, replaced: [{ from, to }] });
    });
  }

  it('when a text carries the accented letters of the GSM-7 alphabet, they are kept as they are', () => {
    const gsm = 'éèùìòàÉÇÄÖÑÜäöñüÅåØøÆæß';
    expect(toGsm7(gsm)).toEqual({ text: gsm, replaced: [] });
  });

  it('when an accented letter is written decomposed (e + combining acute), it is recomposed and kept', () => {
    expect(toGsm7('e\u0301te\u0301')).toEqual({ text: 'été', replaced: [] });
  });

  it('when a text carries an emoji or a letter with no stand-in, each becomes "?"', () => {
    expect(toGsm7('Ok 👍 你')).toEqual({ text: 'Ok ? ?', replaced: [{ from: '👍', to: '?' }, { from: '你', to: '?' }] });
  });

  it('when guillemets enclose a text with (no-break) spaces, they become straight quotes without the inner spaces', () => {
    expect(toGsm7('le « Cœur\u00a0» et le «\u202fPort »').text).toBe('le "Coeur" et le "Port"');
  });

  it('when a character is replaced several times, it is reported once, in order of first occurrence', () => {
    const result = toGsm7('L’heure d’arrivée « prévue » – à 9 h');
    expect(result.text).toBe('L\'heure d\'arrivée "prévue" - à 9 h');
    expect(result.replaced).toEqual([
      { from: '\u2019', to: "'" },
      { from: '\u00ab', to: '"' },
      { from: '\u00bb', to: '"' },
      { from: '\u2013', to: '-' },
    ]);
    expect(isGsm7(result.text)).toBeTrue();
  });

  it('when a French reminder is made GSM-7, the result is entirely in the alphabet', () => {
    const text = 'Bonjour Maëlle, n’oubliez pas : rendez-vous le mercredi 2 décembre à 9 h 30 — « Cœur de ville » …';
    const result = toGsm7(text);
    expect(isGsm7(result.text)).toBeTrue();
    expect(result.text).toBe('Bonjour Maelle, n\'oubliez pas : rendez-vous le mercredi 2 décembre à 9 h 30 - "Coeur de ville" ...');
  });
});

describe('smsSegments', () => {
  it('when a GSM-7 text is exactly 160 units, it is one SMS of 160', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
  });

  it('when a GSM-7 text is 161 units, it is two parts of 153', () => {
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
  });

  it('when a GSM-7 text is 306 units it fits two parts, at 307 it needs three', () => {
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  for (const char of ['€', '[', ']', '{', '}', '~', '^', '|', '\\']) {
    it(`when a text carries the extension character ${char}, it counts 2 units`, () => {
      expect(smsSegments(`a${char}`)).toEqual({ encoding: 'GSM-7', units: 3, segments: 1, perSegment: 160 });
    });
  }

  it('when extension characters bring a text from 159 to 161 units, it becomes two parts', () => {
    expect(smsSegments(`${'a'.repeat(158)}€`)).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(smsSegments(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
  });

  it('when an extension character would straddle two parts, it moves whole to the next part', () => {
    // 152 + 2 = 154 > 153: the € starts part 2; 152 + 2 + 152 = 306 units but three parts.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsSegments(text)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3, perSegment: 153 });
  });

  it('when a text carries an emoji, it falls back to UCS-2, the emoji counting 2 units', () => {
    expect(smsSegments('À demain 👋')).toEqual({ encoding: 'UCS-2', units: 11, segments: 1, perSegment: 70 });
  });

  it('when a UCS-2 text is 70 units it is one SMS, at 71 it is two parts of 67', () => {
    expect(smsSegments(`ê${'a'.repeat(69)}`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70 });
    expect(smsSegments(`ê${'a'.repeat(70)}`)).toEqual({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 });
  });

  it('when a UCS-2 surrogate pair would straddle two parts, it moves whole to the next part', () => {
    const text = `${'a'.repeat(66)}😀${'a'.repeat(66)}`;
    expect(smsSegments(text)).toEqual({ encoding: 'UCS-2', units: 134, segments: 3, perSegment: 67 });
  });

  it('when a text is made GSM-7 first, a curly apostrophe no longer forces UCS-2', () => {
    const text = `Rendez-vous demain à 9 h, n’oubliez pas votre pièce d’identité.`;
    expect(smsSegments(text).encoding).toBe('UCS-2');
    expect(smsSegments(toGsm7(text).text)).toEqual({ encoding: 'GSM-7', units: text.length, segments: 1, perSegment: 160 });
  });

  it('when the text is empty, it is still one SMS', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1, perSegment: 160 });
  });
});
