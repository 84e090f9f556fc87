import { Text } from '@tarojs/components';

/** Genuine early codes can fail the checksum: staff check the licence rather than refuse outright. */
export const CHECKSUM_WARNING = '统一社会信用代码校验位不符，请核对营业执照';

export function ChecksumBadge() {
  return <Text className="review-badge review-badge--warning">校验位不符</Text>;
}
