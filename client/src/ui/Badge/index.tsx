import type { PropsWithChildren } from 'react';
import { Text } from '@tarojs/components';
import { color } from '@/styles/tokens';
import './index.css';

export type Tone = 'green' | 'amber' | 'grey' | 'blue' | 'red';

/** Ink on tint for each tone: on the worker's pills, and on the organiser's tags (a palette of their own). */
const TONES: Record<Tone, { pill: [string, string]; tag: [string, string] }> = {
  green: { pill: [color.success, color.successSoft], tag: [color.positive, color.positiveSoft] },
  amber: { pill: [color.warning, color.warningSoft], tag: [color.warningBright, color.warningSoft] },
  grey: { pill: [color.textSubtle, color.surfaceStrong], tag: [color.textMuted, color.surfaceStrong] },
  blue: { pill: [color.info, color.infoSoft], tag: [color.link, color.infoSoft] },
  red: { pill: [color.primary, color.dangerSoft], tag: [color.danger, color.dangerSoft] },
};

interface Props {
  tone: Tone;
  id?: string;
  /** tag: small, beside a title (the organiser's lists); pill: a status on the worker's pages. */
  look?: 'tag' | 'pill';
  /** A large pill: the status line of a detail page. */
  large?: boolean;
}

/** A coloured label: the status of a registration, a visit, a request, a station. */
export default function Badge({ tone, id, look = 'tag', large, children }: PropsWithChildren<Props>) {
  const [ink, tint] = TONES[tone][look];
  return (
    <Text id={id} className={`badge badge-${look} ${large ? 'badge-large' : ''}`} style={{ color: ink, background: tint }}>
      {children}
    </Text>
  );
}
