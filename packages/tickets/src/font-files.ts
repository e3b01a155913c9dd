/**
 * The faces a ticket may draw with, in order of preference: a character is drawn by the first face
 * that has a glyph for it. All are Noto (SIL Open Font License) from npm packages whose files sit in
 * `fonts/`, beside the `dist/` their only export resolves to. The Lambda bundle copies these files.
 */
export const FACE_FILES = [
  { pkg: '@embedpdf/fonts-latin', file: 'NotoSans-Regular.ttf' }, // Latin, Greek, Cyrillic
  { pkg: '@embedpdf/fonts-hebrew', file: 'NotoSansHebrew-Regular.ttf' },
  { pkg: '@embedpdf/fonts-arabic', file: 'NotoNaskhArabic-Regular.ttf' },
  { pkg: '@embedpdf/fonts-jp', file: 'NotoSansJP-Regular.otf' }, // kana, kanji and most hanzi
  { pkg: '@embedpdf/fonts-kr', file: 'NotoSansKR-Regular.otf' }, // hangul
] as const;

/** What package resolution needs of a font package, relative to its folder, besides the face itself. */
export const FONT_PACKAGE_FILES = ['package.json', 'dist/index.cjs'] as const;
