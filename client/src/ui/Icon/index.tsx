import { Image, View } from '@tarojs/components';
import warningIcon from '@/assets/icons/warning.png';
import lockIcon from '@/assets/icons/lock.png';
import pinIcon from '@/assets/icons/pin.png';
import clockIcon from '@/assets/icons/clock.png';
import searchIcon from '@/assets/icons/search.png';
import chatIcon from '@/assets/icons/chat.png';
import heartIcon from '@/assets/icons/heart.png';
import ticketIcon from '@/assets/icons/ticket.png';
import bellIcon from '@/assets/icons/bell.png';
import cardIcon from '@/assets/icons/card.png';
import okIcon from '@/assets/icons/ok.png';
import crossIcon from '@/assets/icons/cross.png';
import inboxIcon from '@/assets/icons/inbox.png';
import userIcon from '@/assets/icons/user.png';
import chartIcon from '@/assets/icons/chart.png';
import cameraIcon from '@/assets/icons/camera.png';
import shieldIcon from '@/assets/icons/shield.png';
import editIcon from '@/assets/icons/edit.png';
import calendarIcon from '@/assets/icons/calendar.png';
import blockIcon from '@/assets/icons/block.png';
import hourglassIcon from '@/assets/icons/hourglass.png';
import starIcon from '@/assets/icons/star.png';
import sproutIcon from '@/assets/icons/sprout.png';
import keyIcon from '@/assets/icons/key.png';
import homeIcon from '@/assets/icons/home.png';
import listIcon from '@/assets/icons/list.png';
import smileIcon from '@/assets/icons/smile.png';
import closeIcon from '@/assets/icons/close.png';
import tickIcon from '@/assets/icons/tick.png';
import xIcon from '@/assets/icons/x.png';
import './index.css';

/** The app's own line icons (PNG): emoji are drawn as empty boxes on older phones. */
export const ICON_SOURCES = {
  warning: warningIcon,
  lock: lockIcon,
  pin: pinIcon,
  clock: clockIcon,
  search: searchIcon,
  chat: chatIcon,
  heart: heartIcon,
  ticket: ticketIcon,
  bell: bellIcon,
  card: cardIcon,
  ok: okIcon,
  cross: crossIcon,
  inbox: inboxIcon,
  user: userIcon,
  chart: chartIcon,
  camera: cameraIcon,
  shield: shieldIcon,
  edit: editIcon,
  calendar: calendarIcon,
  block: blockIcon,
  hourglass: hourglassIcon,
  star: starIcon,
  sprout: sproutIcon,
  key: keyIcon,
  home: homeIcon,
  list: listIcon,
  smile: smileIcon,
  close: closeIcon,
  /** White, for a coloured badge. */
  tick: tickIcon,
  /** White, for a coloured badge. */
  x: xIcon,
} as const;
export type IconName = keyof typeof ICON_SOURCES;

interface Props {
  name: IconName;
  /** What the icon says, for screen readers; leave out when the text beside it says it already. */
  label?: string;
  /** Styles a box around the icon: its font size sets the icon's size. */
  className?: string;
}

/** An icon at text size (1.2em square); `label` makes it an image with a name, else it is decoration. */
export default function Icon({ name, label, className }: Props) {
  const image = <Image className='icon' src={ICON_SOURCES[name]} mode='scaleToFill' ariaLabel={label} />;
  return className ? <View className={className}>{image}</View> : image;
}
