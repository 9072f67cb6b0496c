import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { Event } from '@xlx/shared';
import Icon from '@/ui/Icon';
import { eventTimeText } from '@/lib/format';

/** An event's time and place under its title, as the events list, my registrations and the ticket show them. */
export default function EventLines({
  event: e,
  venue = e.venue,
  venueExtra,
}: {
  event: Pick<Event, 'startsAt' | 'endsAt' | 'venue'>;
  /** What the place line says (null: no place line). */
  venue?: string | null;
  /** After the place, e.g. the distance. */
  venueExtra?: ReactNode;
}) {
  return (
    <>
      <View className='card-line icon-line'>
        <Icon name='clock' label='时间' />
        <Text>{eventTimeText(e.startsAt, e.endsAt)}</Text>
      </View>
      {venue !== null ? (
        <View className='card-line icon-line'>
          <Icon name='pin' label='地点' />
          <Text>{venue}</Text>
          {venueExtra}
        </View>
      ) : null}
    </>
  );
}
