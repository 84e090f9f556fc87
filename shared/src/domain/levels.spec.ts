import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LEVELS,
  OBLIGATIONS,
  RIGHTS_BY_TIER,
  RIGHT_TIER_PREAMBLES,
  HANDBOOK_SERVICES,
  SERVICES,
  levelByCode,
  rightsForLevel,
} from './levels';

const handbook = readFileSync(join(__dirname, '../../../docs/itss-member-handbook.md'), 'utf8');

describe('membership levels', () => {
  it('has the four levels with the handbook fees', () => {
    expect(LEVELS.map((l) => [l.code, l.name, l.annualFeeYuan])).toEqual([
      ['member', '会员单位', 3000],
      ['committee', '委员单位', 10000],
      ['vice_president', '副会长单位', 30000],
      ['president', '会长单位', 30000],
    ]);
    expect(handbook).toContain(
      '会员单位年费为 3000 元；委员单位年费为 10000 元；会长/副会长单位年费为 30000 元。',
    );
  });

  it('accumulates rights: 10 for members, 13 for committee units, 16 for the leadership', () => {
    expect(rightsForLevel('member')).toHaveLength(10);
    expect(rightsForLevel('committee')).toHaveLength(13);
    expect(rightsForLevel('vice_president')).toHaveLength(16);
    expect(rightsForLevel('president')).toEqual(rightsForLevel('vice_president'));
    const memberTexts = rightsForLevel('member').map((r) => r.text);
    expect(
      rightsForLevel('committee')
        .slice(0, 10)
        .map((r) => r.text),
    ).toEqual(memberTexts);
    expect(
      rightsForLevel('committee')
        .slice(10)
        .every((r) => r.tier === 'committee'),
    ).toBe(true);
  });

  it('quotes every right, preamble, obligation and service word for word from the handbook', () => {
    const quoted = [
      ...Object.values(RIGHTS_BY_TIER).flat(),
      ...Object.values(RIGHT_TIER_PREAMBLES),
      ...OBLIGATIONS,
      ...HANDBOOK_SERVICES,
    ];
    for (const text of quoted) expect(handbook).toContain(text);
    expect(OBLIGATIONS).toHaveLength(6);
    expect(SERVICES).toHaveLength(9);
  });

  it('shows the services as the handbook has them, each ended alike and with no 待定 for the public', () => {
    expect(SERVICES).toHaveLength(HANDBOOK_SERVICES.length);
    for (const text of SERVICES) expect(text).toMatch(/[；。]$/);
    expect(SERVICES.join('')).not.toContain('待定');
    expect(SERVICES[4]).toBe('按照会员级别，开放 ITSS 应用知识库；计划开通会员知网账号；');
    expect(SERVICES.filter((text, i) => text !== HANDBOOK_SERVICES[i])).toHaveLength(2);
  });

  it('refuses an unknown level code', () => {
    expect(() => levelByCode('gold' as never)).toThrow(RangeError);
  });
});
