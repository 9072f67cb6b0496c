import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';

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
