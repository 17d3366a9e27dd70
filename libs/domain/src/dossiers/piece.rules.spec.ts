import { mimeFromBytes, NOM_FICHIER_MAX, nomFichierSur } from './piece.rules';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d);

describe('mimeFromBytes', () => {
  it('when the file starts with %PDF-, it is a PDF', () => {
    expect(mimeFromBytes(ascii('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
  });

  it('when the file starts with FF D8 FF, it is a JPEG', () => {
    expect(mimeFromBytes(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10))).toBe('image/jpeg');
  });

  it('when the file starts with the PNG signature, it is a PNG, even if it was named .pdf and declared as a PDF', () => {
    expect(mimeFromBytes(PNG)).toBe('image/png');
  });

  it('when the file is HTML, a script or an executable, it is refused', () => {
    expect(mimeFromBytes(ascii('<!DOCTYPE html><script>alert(1)</script>'))).toBeNull();
    expect(mimeFromBytes(ascii('MZ\x90\x00'))).toBeNull();
    expect(mimeFromBytes(ascii(' %PDF-1.7'))).toBeNull();
  });

  it('when the file is empty or shorter than a signature, it is refused', () => {
    expect(mimeFromBytes(new Uint8Array())).toBeNull();
    expect(mimeFromBytes(ascii('%PDF'))).toBeNull();
    expect(mimeFromBytes(PNG.slice(0, 7))).toBeNull();
  });
});

describe('nomFichierSur', () => {
  it('when the name is plain, it is kept with its accents', () => {
    expect(nomFichierSur('Carte d’identité recto.pdf')).toBe('Carte d’identité recto.pdf');
  });

  it('when the name carries a path (Windows or Unix, or a traversal), only the last segment is kept', () => {
    expect(nomFichierSur('C:\\Users\\elodie\\Documents\\cni.pdf')).toBe('cni.pdf');
    expect(nomFichierSur('../../etc/passwd')).toBe('passwd');
  });

  it('when the name hides its real extension behind a right-to-left override or holds control characters, they are removed', () => {
    expect(nomFichierSur('facture\u202Efdp.exe')).toBe('facturefdp.exe');
    expect(nomFichierSur('avis\u0000\u0007 CAF\r\n.pdf')).toBe('avis CAF .pdf');
  });

  it('when the name has characters a file system refuses, or a leading dot, they are made harmless', () => {
    expect(nomFichierSur('avis "CAF" <mai>?.pdf')).toBe('avis _CAF_ _mai__.pdf');
    expect(nomFichierSur('.htaccess')).toBe('htaccess');
  });

  it('when the name is longer than 120 characters, it is cut before the extension, which is kept', () => {
    const nom = nomFichierSur(`${'é'.repeat(200)}.jpeg`);
    expect(Array.from(nom).length).toBe(NOM_FICHIER_MAX);
    expect(nom.endsWith('é.jpeg')).toBeTrue();
  });

  it('when a long name has no extension, it is cut at 120 characters', () => {
    expect(nomFichierSur('a'.repeat(300))).toBe('a'.repeat(NOM_FICHIER_MAX));
  });

  it('when a long name holds emoji, they are never cut in half', () => {
    const nom = nomFichierSur(`${'😀'.repeat(150)}.png`);
    expect(Array.from(nom).length).toBe(NOM_FICHIER_MAX);
    expect(nom).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('when nothing is left, a neutral name is given', () => {
    expect(nomFichierSur('')).toBe('fichier');
    expect(nomFichierSur('/tmp/')).toBe('fichier');
    expect(nomFichierSur(' \u202E ')).toBe('fichier');
  });
});
