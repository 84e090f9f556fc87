import { Text, View } from '@tarojs/components';
import { EVENT_KIND_NAMES, EVENT_STATE_NAMES, type EventSummary } from '@itss/shared';
import { ArticleImage } from '@/components/article-image';
import { ROUTES } from '@/routes';
import { openPage } from '@/utils/actions';
import { placeText, priceText, seatsText, timeRange } from '@/packages/events/format';
import './event-card.scss';

/** One event of the list: tap opens it. Registration that is not open any more is said on the card. */
export function EventCard({ event }: { event: EventSummary }) {
  const open = event.state === 'published';
  return (
    <View
      className={`event-card event-card--${event.state}`}
      onClick={() => openPage(ROUTES.event, { id: event.id })}
    >
      {event.coverUrl ? (
        <ArticleImage className="event-card__cover" url={event.coverUrl} needsToken={false} />
      ) : null}
      <View className="event-card__body">
        <View className="event-card__tags">
          <Text className="event-card__kind">{EVENT_KIND_NAMES[event.kind]}</Text>
          {event.membersFirst && open ? <Text className="event-card__first">会员优先</Text> : null}
          {event.audience !== 'everyone' ? <Text className="event-card__only">限会员</Text> : null}
          {open ? null : (
            <Text className={`event-card__state event-card__state--${event.state}`}>
              {EVENT_STATE_NAMES[event.state]}
            </Text>
          )}
        </View>
        <Text className="event-card__title">{event.title}</Text>
        {event.summary ? <Text className="event-card__summary">{event.summary}</Text> : null}
        <Text className="event-card__line">{timeRange(event.startsAt, event.endsAt)}</Text>
        <Text className="event-card__line">{placeText(event.place)}</Text>
        <View className="event-card__foot">
          <Text className="event-card__price">{priceText(event.priceFromFen, event.priceToFen)}</Text>
          {open ? (
            <Text
              className={
                event.seatsLeft > 0 ? 'event-card__seats' : 'event-card__seats event-card__seats--full'
              }
            >
              {seatsText(event.seatsLeft)}
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}
