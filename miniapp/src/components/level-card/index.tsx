import { Text, View } from '@tarojs/components';
import type { Level, LevelsResponse, RightTier } from '@itss/shared';
import { formatAnnualFee } from '@/utils/format';
import './index.scss';

type TierInfo = LevelsResponse['tiers'][number];

interface TierGroup {
  tier: RightTier;
  info?: TierInfo;
  rights: string[];
}

/** Splits a level's cumulative rights back into the handbook's tiers, keeping their order. */
function groupByTier(level: Level, tiers: readonly TierInfo[]): TierGroup[] {
  const groups: TierGroup[] = [];
  for (const right of level.rights) {
    let group = groups.find((g) => g.tier === right.tier);
    if (!group) {
      group = { tier: right.tier, info: tiers.find((t) => t.tier === right.tier), rights: [] };
      groups.push(group);
    }
    group.rights.push(right.text);
  }
  return groups;
}

interface LevelCardProps {
  level: Level;
  tiers: readonly TierInfo[];
  /** The level one step up (upgrades go step by step), to show what upgrading adds. */
  next?: Level;
}

export function LevelCard({ level, tiers, next }: LevelCardProps) {
  const groups = groupByTier(level, tiers);
  const ownTier = groups[groups.length - 1]?.tier;
  return (
    <View className={`level-card level-card--${level.code}`}>
      <View className="level-card__head">
        <Text className="level-card__name">{level.name}</Text>
        <Text className="level-card__fee">{formatAnnualFee(level.annualFeeYuan)}</Text>
        <Text className="level-card__count">共 {level.rights.length} 项权益</Text>
      </View>
      {groups.map((group) => (
        <View
          key={group.tier}
          className={
            group.tier === ownTier ? 'level-tier level-tier--own' : 'level-tier level-tier--inherited'
          }
        >
          <Text className="level-tier__name">{group.info?.name ?? group.tier}</Text>
          {group.info?.preamble ? <Text className="level-tier__preamble">{group.info.preamble}</Text> : null}
          {group.rights.map((text) => (
            <View key={text} className="level-tier__right">
              <View className="level-tier__check" />
              <Text className="level-tier__text">{text}</Text>
            </View>
          ))}
        </View>
      ))}
      {next && next.rights.length > level.rights.length ? (
        <Text className="level-card__upgrade">
          升级为{next.name}，可再享 {next.rights.length - level.rights.length} 项权益
        </Text>
      ) : null}
    </View>
  );
}
