import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { LEVELS, type LevelCode } from '@itss/shared';

/**
 * The certificate's one design, drawn twice: as a PDF (text in the embedded, subset font) and as a
 * PNG (the same glyphs as vector paths, so no system font is needed). Coordinates are PDF points on
 * an A4 landscape page, y downwards, each text placed by its baseline.
 *
 * The font is Noto Sans SC (Regular) from the npm package @expo-google-fonts/noto-sans-sc, under the
 * SIL Open Font License 1.1 (its LICENSE_FONT): one TrueType file covering the CJK ideographs, so
 * any unit's name can be drawn. Read once per process.
 */
export const PAGE = { width: 841.89, height: 595.28 } as const;
export const BRANCH_NAME = '中国电子工业标准化技术协会信息技术服务分会';

const FONT_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

let loaded: fontkit.Font | null = null;
/** The parsed font, shared by every document (pdfkit subsets it per document). */
export function certificateFont(): fontkit.Font {
  if (!loaded) {
    const font = fontkit.create(readFileSync(FONT_PATH));
    if (!('layout' in font)) throw new Error(`${FONT_PATH} is a collection, not one font`);
    loaded = font;
  }
  return loaded;
}

export interface CertificateFacts {
  unitName: string;
  level: LevelCode;
  year: number;
  number: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  verifyUrl: string;
}

export interface TextItem {
  text: string;
  size: number;
  /** Left edge, points. */
  x: number;
  baseline: number;
  color: string;
}

export interface Layout {
  texts: TextItem[];
  qr: { x: number; y: number; size: number };
}

export const INK = '#1f2d3d';
export const ACCENT = '#a8071a';
export const GOLD = '#c9a14a';

/** Width of a text in points at a size, as the font lays it out. */
export function textWidth(text: string, size: number): number {
  const font = certificateFont();
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}

export function centred(text: string, size: number, baseline: number, color = INK, maxWidth = 640): TextItem {
  let fitted = size;
  // A long name shrinks to fit the line rather than running off the page.
  while (fitted > 10 && textWidth(text, fitted) > maxWidth) fitted -= 1;
  return { text, size: fitted, x: (PAGE.width - textWidth(text, fitted)) / 2, baseline, color };
}

export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export function levelName(level: LevelCode): string {
  return LEVELS.find((l) => l.code === level)?.name ?? level;
}

/** Where everything goes. */
export function layoutOf(facts: CertificateFacts): Layout {
  const left = 96;
  const line = (text: string, baseline: number): TextItem => ({
    text,
    size: 13,
    x: left,
    baseline,
    color: INK,
  });
  return {
    texts: [
      centred('电子会员证书', 40, 132, ACCENT),
      centred('MEMBERSHIP CERTIFICATE', 11, 156, GOLD),
      centred('兹证明', 16, 214),
      centred(facts.unitName, 28, 262, INK, 620),
      centred(`为${BRANCH_NAME}`, 16, 306),
      centred(levelName(facts.level), 26, 352, ACCENT),
      centred(`特发此证`, 14, 390),
      line(`证书编号：${facts.number}`, 446),
      line(`有效年度：${facts.year}年度`, 468),
      line(`有效期至：${chineseDay(`${facts.year}-12-31`)}`, 490),
      line(`颁发日期：${chineseDay(facts.issuedOn)}`, 512),
      {
        text: BRANCH_NAME,
        size: 14,
        x: PAGE.width - 96 - 120 - 24 - textWidth(BRANCH_NAME, 14),
        baseline: 512,
        color: INK,
      },
      {
        text: '扫码验证',
        size: 10,
        x: PAGE.width - 96 - 60 - textWidth('扫码验证', 10) / 2,
        baseline: 530,
        color: INK,
      },
    ],
    qr: { x: PAGE.width - 96 - 120, y: 398, size: 120 },
  };
}
