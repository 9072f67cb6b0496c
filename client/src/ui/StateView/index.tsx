import { Button, Image, Text, View } from '@tarojs/components';
import Icon, { type IconName } from '@/ui/Icon';

interface Props {
  /** An icon image (imported PNG); takes precedence over `icon`. */
  image?: string;
  /** One of the app's icons, for states that need no picture of their own. */
  icon?: IconName;
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
      {image ? (
        <Image className='state-image' src={image} mode='scaleToFill' ariaLabel={title} />
      ) : icon ? (
        <View className='state-icon'>
          <Icon name={icon} />
        </View>
      ) : null}
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
