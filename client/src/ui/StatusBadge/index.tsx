import { Text } from '@tarojs/components';
import './index.css';

export type Tone = 'green' | 'amber' | 'grey' | 'blue' | 'red';

interface Props {
  tone: Tone;
  text: string;
  id?: string;
  /** Large: the status line of a detail page. */
  large?: boolean;
}

/** A coloured pill: status of a registration, a visit, a station. */
export default function StatusBadge({ tone, text, id, large }: Props) {
  return (
    <Text id={id} className={`badge badge-${tone} ${large ? 'badge-large' : ''}`}>
      {text}
    </Text>
  );
}
