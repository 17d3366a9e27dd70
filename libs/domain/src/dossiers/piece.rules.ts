import type { MimePiece } from './dossier.enums';

// Magic numbers of the accepted types. A name or a browser's Content-Type is whatever the sender says; the first
// bytes are what a viewer will actually open.
const SIGNATURES: readonly { readonly mime: MimePiece; readonly octets: readonly number[] }[] = [
  { mime: 'application/pdf', octets: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', octets: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', octets: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The type of a pièce from its first bytes; `null` when it is none of the accepted ones (HTML, executable, empty…). */
export const mimeFromBytes = (bytes: Uint8Array): MimePiece | null =>
  SIGNATURES.find(({ octets }) => bytes.length >= octets.length && octets.every((octet, i) => bytes[i] === octet))?.mime ?? null;

/** Longest file name kept, in characters, extension included. */
export const NOM_FICHIER_MAX = 120;
const EXTENSION_MAX = 10;
const NOM_PAR_DEFAUT = 'fichier';

/**
 * A file name safe to show and to send back in a Content-Disposition: the last path segment only ("C:\\…\\cni.pdf" →
 * "cni.pdf"), without control or invisible formatting characters (a right-to-left override makes "gpj.exe" read as
 * "exe.jpg"), without the characters Windows refuses, no leading dot, at most 120 characters with the extension kept.
 * Only shown: pièces are stored under their id, never under this name.
 */
export const nomFichierSur = (nom: string): string => {
  const dernierSegment = nom.split(/[/\\]/).pop() ?? '';
  const propre = dernierSegment
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const caracteres = Array.from(propre);
  if (caracteres.length === 0) {
    return NOM_PAR_DEFAUT;
  }
  if (caracteres.length <= NOM_FICHIER_MAX) {
    return propre;
  }
  const point = propre.lastIndexOf('.');
  const extension = point > 0 ? Array.from(propre.slice(point)) : [];
  const garde = extension.length > 1 && extension.length <= EXTENSION_MAX ? extension : [];
  const base = caracteres.slice(0, caracteres.length - garde.length).slice(0, NOM_FICHIER_MAX - garde.length);
  return `${base.join('').replace(/[\s.]+$/, '')}${garde.join('')}`;
};
