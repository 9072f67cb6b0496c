import type { PropsWithChildren } from 'react';
import { Picker, Text, View } from '@tarojs/components';

interface Props {
  label: string;
  /** Shown under the control in red: the client's or the server's message for this field. */
  error?: string;
  /** Id of the error text, for tests: `<errorId>` next to the control's own id. */
  errorId?: string;
  hint?: string;
}

export default function FormField({ label, error, errorId, hint, children }: PropsWithChildren<Props>) {
  return (
    <View className={`field ${error ? 'field-invalid' : ''}`}>
      <Text className='field-label'>{label}</Text>
      {children}
      {error ? (
        <Text className='field-error' id={errorId}>
          {error}
        </Text>
      ) : hint ? (
        <Text className='field-hint'>{hint}</Text>
      ) : null}
    </View>
  );
}

interface SelectProps {
  id: string;
  range: string[];
  /** The chosen row (a missing choice shows row 0 in the wheel). */
  index: number;
  /** What the field shows. */
  text: string;
  /** Nothing chosen yet: the text is drawn as a placeholder. */
  empty?: boolean;
  disabled?: boolean;
  onPick: (index: number) => void;
}

/** A one-column picker drawn as a form field (`<id>` is the tappable field). */
export function SelectField({ id, range, index, text, empty = false, disabled, onPick }: SelectProps) {
  return (
    <Picker mode='selector' range={range} value={Math.max(0, index)} disabled={disabled} onChange={(e) => onPick(Number(e.detail.value))}>
      <PickerBox id={id} text={text} empty={empty} />
    </Picker>
  );
}

/** What a picker opens from, drawn as a form field: the text and a ›; `empty` draws the text as a placeholder. */
export function PickerBox({ id, text, empty = false, className = '' }: { id: string; text: string; empty?: boolean; className?: string }) {
  return (
    <View id={id} className={`field-picker ${className}`}>
      <Text className={empty ? 'field-placeholder' : ''}>{text}</Text>
      <Text className='field-placeholder'>›</Text>
    </View>
  );
}
