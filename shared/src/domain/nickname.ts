import { REGIONS } from './regions';

/** Company-form endings a short name leaves out, longest first so 股份有限公司 is not cut to 股份. */
const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '公司'];

/** Province and city names a short name leaves out: 北京神州数码有限公司 → 神州数码. */
const PLACE_PREFIXES: readonly string[] = (() => {
  const names = new Set<string>();
  for (const [province, cities] of Object.entries(REGIONS)) {
    names.add(province);
    names.add(province.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/, ''));
    // Districts of the municipalities (朝阳区) are left alone: they are often part of a brand.
    for (const city of cities.filter((name) => name.endsWith('市'))) {
      names.add(city);
      names.add(city.slice(0, -1));
    }
  }
  return [...names].filter((name) => name.length >= 2).sort((a, b) => b.length - a.length);
})();

export const UNIT_SHORT_NAME_MAX = 8;

/**
 * The short name (单位简称) a unit goes by in the members' WeChat group: the registered name without
 * its place prefix and legal form, at most 8 characters. Stops short of leaving fewer than two
 * characters to recognise the unit by.
 */
export function unitShortName(fullName: string): string {
  const name = fullName.trim().replace(/[（(][^）)]*[）)]$/, '');
  const form = LEGAL_FORMS.find((ending) => name.endsWith(ending) && name.length - ending.length >= 2);
  if (!form) return name.slice(0, UNIT_SHORT_NAME_MAX);
  let core = name.slice(0, -form.length);
  // Only a company's place prefix is dropped (北京大学 stays); two at most: 广东省深圳市… loses both.
  for (let round = 0; round < 2; round += 1) {
    const prefix = PLACE_PREFIXES.find((place) => core.startsWith(place) && core.length - place.length >= 2);
    if (!prefix) break;
    core = core.slice(prefix.length);
  }
  return core.slice(0, UNIT_SHORT_NAME_MAX);
}

/** The nickname a contact takes in the members' WeChat group: 单位简称-姓名. */
export function groupNickname(unitName: string, contactName: string): string {
  return `${unitShortName(unitName)}-${contactName.trim()}`;
}
