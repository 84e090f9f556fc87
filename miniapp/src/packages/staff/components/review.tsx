import { Text } from '@tarojs/components';
import { LEVELS, type LevelCode } from '@itss/shared';

/** 会员单位 / 委员单位 / 副会长单位, from the contract's levels. */
export function levelName(code: LevelCode): string {
  return LEVELS.find((level) => level.code === code)?.name ?? code;
}

/** Genuine early codes can fail the checksum: staff check the licence rather than refuse outright. */
export const CHECKSUM_WARNING = '统一社会信用代码校验位不符，请核对营业执照';

export function ChecksumBadge() {
  return <Text className="review-badge review-badge--warning">校验位不符</Text>;
}
