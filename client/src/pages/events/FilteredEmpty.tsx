import StateView from '@/ui/StateView';

interface Props {
  image: string;
  /** 活动, 驿站: says "没有符合条件的<what>" while filtered. */
  what: string;
  filtered: boolean;
  /** The title when nothing is filtered, e.g. 近期还没有活动. */
  none: string;
  text: string;
  /** The button that clears the filters (shown while filtered). */
  clearText: string;
  onClear: () => void;
}

/** An empty list of a page with filters (events, stations): nothing matches, or nothing yet. */
export default function FilteredEmpty({ image, what, filtered, none, text, clearText, onClear }: Props) {
  return (
    <StateView
      image={image}
      title={filtered ? `没有符合条件的${what}` : none}
      text={text}
      actionText={filtered ? clearText : undefined}
      onAction={filtered ? onClear : undefined}
    />
  );
}
