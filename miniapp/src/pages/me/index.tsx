import { View } from '@tarojs/components';

export default function P() {
  return <View>me</View>;
}
