import { flattenFields, resolveFields, sameValue, threeWayDiff, unflattenFields } from './conflict.rules';

const dossier = {
  version: 4,
  identite: { nomUsage: 'LEFÈVRE', prenoms: 'Élodie', naissance: { date: '2008-06-15', commune: '33063' } },
  contact: { telephone: '0612345678', email: null },
  langues: ['fr', 'en'],
  notes: 'RAS',
};

describe('flattenFields', () => {
  it('when a record has nested objects, each leaf is a field under its dotted path', () => {
    expect(flattenFields(dossier)).toEqual({
      version: 4,
      'identite.nomUsage': 'LEFÈVRE',
      'identite.prenoms': 'Élodie',
      'identite.naissance.date': '2008-06-15',
      'identite.naissance.commune': '33063',
      'contact.telephone': '0612345678',
      'contact.email': null,
      langues: ['fr', 'en'],
      notes: 'RAS',
    });
  });

  it('when a value is an array, even of objects, it is one field (a list is replaced whole)', () => {
    const adresses = [{ ligne: '1 rue A' }, { ligne: '2 rue B' }];
    expect(flattenFields({ jeune: { adresses } })).toEqual({ 'jeune.adresses': adresses });
  });

  it('when paths are ignored, they and everything under them are dropped', () => {
    expect(flattenFields(dossier, ['version', 'identite.naissance', 'contact.email'])).toEqual({
      'identite.nomUsage': 'LEFÈVRE',
      'identite.prenoms': 'Élodie',
      'contact.telephone': '0612345678',
      langues: ['fr', 'en'],
      notes: 'RAS',
    });
  });

  it('when an ignored path only shares a prefix with a field, the field stays', () => {
    expect(flattenFields({ note: 1, notes: 2 }, ['note'])).toEqual({ notes: 2 });
  });

  it('when a value is undefined, it is dropped; null is kept as a value', () => {
    const flat = flattenFields({ a: undefined, b: null, c: { d: undefined, e: 0 } });
    expect(flat).toEqual({ b: null, 'c.e': 0 });
    expect(Object.keys(flat)).toEqual(['b', 'c.e']);
  });

  it('when the record is not an object, there is no field', () => {
    expect(flattenFields(null)).toEqual({});
    expect(flattenFields('texte')).toEqual({});
    expect(flattenFields([1, 2])).toEqual({});
    expect(flattenFields(undefined)).toEqual({});
  });
});

describe('sameValue', () => {
  it('when two objects hold the same data with keys in another order, they are the same', () => {
    expect(sameValue({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBeTrue();
  });

  it('when the data differ, they are not the same', () => {
    expect(sameValue({ a: 1 }, { a: 2 })).toBeFalse();
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBeFalse();
    expect(sameValue('1', 1)).toBeFalse();
    expect(sameValue(null, undefined)).toBeFalse();
    expect(sameValue(null, '')).toBeFalse();
  });

  it('when arrays hold the same items in another order, they differ (order is data)', () => {
    expect(sameValue(['fr', 'en'], ['fr', 'en'])).toBeTrue();
    expect(sameValue(['fr', 'en'], ['en', 'fr'])).toBeFalse();
    expect(sameValue([{ a: 1, b: 2 }], [{ b: 2, a: 1 }])).toBeTrue();
  });

  it('when both are undefined or both null, they are the same', () => {
    expect(sameValue(undefined, undefined)).toBeTrue();
    expect(sameValue(null, null)).toBeTrue();
  });
});

describe('threeWayDiff', () => {
  const base = { 'identite.nomUsage': 'LEFÈVRE', 'contact.telephone': '0612345678', notes: 'RAS', langues: ['fr'] };

  it('when nobody changed anything, there is nothing to report', () => {
    expect(threeWayDiff(base, { ...base }, { ...base })).toEqual({ mineOnly: [], theirsOnly: [], conflicts: [] });
  });

  it('when only I changed a field, it is mine only', () => {
    expect(threeWayDiff(base, { ...base, notes: 'Rappeler lundi' }, base)).toEqual({ mineOnly: ['notes'], theirsOnly: [], conflicts: [] });
  });

  it('when only they changed a field, it is theirs only', () => {
    expect(threeWayDiff(base, base, { ...base, 'contact.telephone': '0699999999' })).toEqual({
      mineOnly: [],
      theirsOnly: ['contact.telephone'],
      conflicts: [],
    });
  });

  it('when both changed a field the same way, it is no conflict: it counts as mine, applying it changes nothing', () => {
    expect(threeWayDiff(base, { ...base, langues: ['fr', 'en'] }, { ...base, langues: ['fr', 'en'] })).toEqual({
      mineOnly: ['langues'],
      theirsOnly: [],
      conflicts: [],
    });
  });

  it('when both changed a field differently, it is a conflict with the base, mine and theirs', () => {
    expect(threeWayDiff(base, { ...base, notes: 'Mine' }, { ...base, notes: 'Theirs' })).toEqual({
      mineOnly: [],
      theirsOnly: [],
      conflicts: [{ path: 'notes', base: 'RAS', mine: 'Mine', theirs: 'Theirs' }],
    });
  });

  it('when a field is added or removed on one side, it counts as a change', () => {
    const { notes: _notes, ...withoutNotes } = base;
    expect(threeWayDiff(base, withoutNotes, { ...base, 'contact.email': 'a@b.fr' })).toEqual({
      mineOnly: ['notes'],
      theirsOnly: ['contact.email'],
      conflicts: [],
    });
  });

  it('when several fields change on both sides, each lands in its list, paths sorted', () => {
    const mine = { ...base, notes: 'Mine', 'identite.nomUsage': 'MARTIN', langues: ['fr', 'es'] };
    const theirs = { ...base, notes: 'Theirs', 'contact.telephone': '0700000000', langues: ['fr', 'es'] };
    expect(threeWayDiff(base, mine, theirs)).toEqual({
      mineOnly: ['identite.nomUsage', 'langues'],
      theirsOnly: ['contact.telephone'],
      conflicts: [{ path: 'notes', base: 'RAS', mine: 'Mine', theirs: 'Theirs' }],
    });
  });
});

describe('resolveFields', () => {
  const base = { a: 1, b: 2, c: 3, d: 4 };
  const mine = { a: 10, b: 2, c: 30, d: 4, e: 5 };
  const theirs = { a: 100, b: 20, c: 3, d: 4 };
  const diff = threeWayDiff(base, mine, theirs);

  it('when the diff is built, a conflicts, b is theirs only, c and e are mine only', () => {
    expect(diff).toEqual({ mineOnly: ['c', 'e'], theirsOnly: ['b'], conflicts: [{ path: 'a', base: 1, mine: 10, theirs: 100 }] });
  });

  it('when a conflict has no choice, nothing is resolved (null): never a silent overwrite', () => {
    expect(resolveFields(diff, mine, theirs, {})).toBeNull();
    const two = threeWayDiff({ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 });
    expect(resolveFields(two, { x: 2, y: 2 }, { x: 3, y: 3 }, { x: 'mine' })).toBeNull();
  });

  it('when I choose mine, my value wins; theirs-only changes stay and mine-only ones apply', () => {
    expect(resolveFields(diff, mine, theirs, { a: 'mine' })).toEqual({ a: 10, b: 20, c: 30, d: 4, e: 5 });
  });

  it('when I choose theirs, their value stays; theirs-only changes stay and mine-only ones apply', () => {
    expect(resolveFields(diff, mine, theirs, { a: 'theirs' })).toEqual({ a: 100, b: 20, c: 30, d: 4, e: 5 });
  });

  it('when choices differ per field, each field follows its own choice', () => {
    const b = { x: 1, y: 1, z: 1 };
    const m = { x: 2, y: 2, z: 1 };
    const t = { x: 3, y: 3, z: 9 };
    expect(resolveFields(threeWayDiff(b, m, t), m, t, { x: 'mine', y: 'theirs' })).toEqual({ x: 2, y: 3, z: 9 });
  });

  it('when I removed a field nobody else touched, it is removed from the result', () => {
    const b = { x: 1, y: 1 };
    const m = { y: 1 };
    const t = { x: 1, y: 2 };
    expect(resolveFields(threeWayDiff(b, m, t), m, t, {})).toEqual({ y: 2 });
  });

  it('when there is no conflict, no choice is needed', () => {
    const b = { x: 1 };
    expect(resolveFields(threeWayDiff(b, b, { x: 2 }), b, { x: 2 }, {})).toEqual({ x: 2 });
  });

  it('when called, it leaves theirs unchanged', () => {
    const copy = { ...theirs };
    resolveFields(diff, mine, theirs, { a: 'mine' });
    expect(theirs).toEqual(copy);
  });
});

describe('unflattenFields', () => {
  it('when fields are flattened from a nested record, unflattening rebuilds the record', () => {
    expect(unflattenFields(flattenFields(dossier))).toEqual(dossier);
  });

  it('when fields are dotted paths, they are rebuilt as nested objects; arrays stay values', () => {
    expect(unflattenFields({ 'a.b.c': 1, 'a.b.d': [1, 2], 'a.e': null, f: 'x' })).toEqual({ a: { b: { c: 1, d: [1, 2] }, e: null }, f: 'x' });
  });

  it('when the data has a __proto__ key (JSON from elsewhere), it is rebuilt as an own field and Object.prototype stays clean', () => {
    const record = JSON.parse('{"a":1,"__proto__":{"pollue":"oui"}}') as unknown;
    const rebuilt = unflattenFields(flattenFields(record));
    expect(({} as Record<string, unknown>)['pollue']).toBeUndefined();
    expect(Object.keys(rebuilt)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(rebuilt)).toBe(Object.prototype);
    expect(JSON.stringify(rebuilt)).toBe('{"a":1,"__proto__":{"pollue":"oui"}}');
  });

  it('when there is no field, the record is empty', () => {
    expect(unflattenFields({})).toEqual({});
  });

  it('when a resolved edit is rebuilt, it is the record to send', () => {
    const base = flattenFields(dossier, ['version']);
    const mine = flattenFields({ ...dossier, notes: 'Mine', identite: { ...dossier.identite, prenoms: 'Elodie' } }, ['version']);
    const theirs = flattenFields({ ...dossier, notes: 'Theirs', contact: { ...dossier.contact, email: 'e@x.fr' } }, ['version']);
    const resolved = resolveFields(threeWayDiff(base, mine, theirs), mine, theirs, { notes: 'theirs' });
    expect(resolved === null ? null : unflattenFields(resolved)).toEqual({
      identite: { nomUsage: 'LEFÈVRE', prenoms: 'Elodie', naissance: { date: '2008-06-15', commune: '33063' } },
      contact: { telephone: '0612345678', email: 'e@x.fr' },
      langues: ['fr', 'en'],
      notes: 'Theirs',
    });
  });
});
