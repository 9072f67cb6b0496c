import { Button, Image, Text, View } from '@tarojs/components';

interface Props {
  /** An icon image (imported PNG); takes precedence over `icon`. */
  image?: string;
  /** An emoji, for states that need no image. */
  icon?: string;
  title: string;
  text?: string;
  actionText?: string;
  onAction?: () => void;
  id?: string;
}

/** Loading, error and empty states: what happened and what to do next. */
export default function StateView({ image, icon, title, text, actionText, onAction, id }: Props) {
  return (
    <View className='state' id={id}>
      {image ? <Image className='state-image' src={image} mode='scaleToFill' /> : icon ? <Text className='state-icon'>{icon}</Text> : null}
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
