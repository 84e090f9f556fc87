import { Text, View } from '@tarojs/components';
import { PRICE_AUDIENCES, PRICE_AUDIENCE_NAMES, type EventStats } from '@itss/shared';

/** The width of `value` on a bar whose full length is `max`, as a style value. */
export function barWidth(value: number, max: number): string {
  const share = max > 0 ? Math.min(100, (Math.max(value, 0) * 100) / max) : 0;
  return `${Math.round(share * 10) / 10}%`;
}

interface Row {
  key: string;
  label: string;
  /** The longer, lighter bar (registered, capacity). */
  total: number;
  /** The shorter, darker bar over it (attended, confirmed). */
  part: number;
  figures: string;
}

/**
 * Horizontal bars drawn with views (no chart library: the staff package stays small and the bars
 * read the same in WeChat and in a browser), all rows on one scale so they compare by length.
 */
function Bars({ rows, totalName, partName }: { rows: Row[]; totalName: string; partName: string }) {
  const max = Math.max(0, ...rows.map((row) => Math.max(row.total, row.part)));
  return (
    <View className="event-chart" role="list">
      {rows.map((row) => (
        <View key={row.key} className="event-chart__row" role="listitem">
          <View className="event-chart__head">
            <Text className="event-chart__label">{row.label}</Text>
            <Text className="event-chart__figures">{row.figures}</Text>
          </View>
          <View className="event-chart__track">
            <View className="event-chart__total" style={{ width: barWidth(row.total, max) }} />
            <View className="event-chart__part" style={{ width: barWidth(row.part, max) }} />
          </View>
        </View>
      ))}
      <View className="event-chart__legend">
        <View className="event-chart__key event-chart__key--part" />
        <Text className="event-chart__key-text">{partName}</Text>
        <View className="event-chart__key event-chart__key--total" />
        <Text className="event-chart__key-text">{totalName}</Text>
      </View>
    </View>
  );
}

/** Confirmed and attended by the registrant's level (非会员 last), levels without anyone left out. */
export function AudienceChart({ byAudience }: { byAudience: EventStats['byAudience'] }) {
  const rows = PRICE_AUDIENCES.flatMap((audience) =>
    byAudience
      .filter((row) => row.audience === audience && (row.confirmed > 0 || row.attended > 0))
      .map((row) => ({
        key: audience,
        label: PRICE_AUDIENCE_NAMES[audience],
        total: row.confirmed,
        part: row.attended,
        figures: `报名 ${row.confirmed} · 签到 ${row.attended}`,
      })),
  );
  if (!rows.length) return <Text className="staff-tip">暂无报名成功的参会人</Text>;
  return <Bars rows={rows} totalName="报名成功" partName="已签到" />;
}

/** Each session's seats: confirmed against capacity, attended, and the waiting list. */
export function SessionChart({ sessions }: { sessions: EventStats['sessions'] }) {
  const rows = sessions.map((session) => ({
    key: String(session.sessionId),
    label: session.title,
    total: session.capacity,
    part: session.confirmed,
    figures: `报名 ${session.confirmed}/${session.capacity} · 签到 ${session.attended}${session.waitlisted ? ` · 候补 ${session.waitlisted}` : ''}`,
  }));
  return <Bars rows={rows} totalName="名额" partName="报名成功" />;
}

/** 1–5 stars: how many answered each, on the scale of the most frequent. */
export function SurveyChart({ survey }: { survey: EventStats['survey'] }) {
  const max = Math.max(0, ...survey.histogram);
  return (
    <View className="survey-chart">
      <View className="survey-chart__summary">
        <Text className="survey-chart__average">
          {survey.average === null ? '—' : survey.average.toFixed(1)}
        </Text>
        <Text className="survey-chart__caption">平均分（满分 5 分）· {survey.answers} 人评价</Text>
      </View>
      {survey.histogram
        .map((count, index) => ({ count, stars: index + 1 }))
        .reverse()
        .map(({ count, stars }) => (
          <View key={stars} className="survey-chart__row">
            <Text className="survey-chart__stars">{stars} 分</Text>
            <View className="survey-chart__track">
              <View className="survey-chart__bar" style={{ width: barWidth(count, max) }} />
            </View>
            <Text className="survey-chart__count">{count}</Text>
          </View>
        ))}
    </View>
  );
}
