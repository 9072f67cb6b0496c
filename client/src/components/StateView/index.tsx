import { Button, Text, View } from '@tarojs/components';

interface Props {
  /** Big emoji: renders everywhere without shipping images. */
  icon?: string;
  title: string;
  text?: string;
  actionText?: string;
  onAction?: () => void;
  id?: string;
}

/** Loading, error and empty states: what happened and what to do next. */
export default function StateView({ icon, title, text, actionText, onAction, id }: Props) {
  return (
    <View className='state' id={id}>
      {icon ? <Text className='state-icon'>{icon}</Text> : null}
      <Text className='state-title'>{title}</Text>
      {text ? <Text className='state-text'>{text}</Text> : null}
      {actionText && onAction ? (
        <Button className='btn btn-primary' onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
