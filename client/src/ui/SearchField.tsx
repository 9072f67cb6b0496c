import { Input } from '@tarojs/components';

interface Props {
  id: string;
  /** The box's look (default: a form's `field-input`). */
  className?: string;
  value: string;
  placeholder: string;
  /** Default 20: a name, a place, a phone number's last digits. */
  maxlength?: number;
  onInput: (value: string) => void;
  /** The keyboard's 搜索 key, with what the box holds. */
  onSearch?: (value: string) => void;
  /** The keyboard's 完成 key instead (a code to check), with what the box holds. */
  onConfirm?: (value: string) => void;
}

/** A one-line box, without a label, to look something up by what is typed (a name, a code). */
export default function SearchField({ id, className = 'field-input', value, placeholder, maxlength = 20, onInput, onSearch, onConfirm }: Props) {
  const confirm = onSearch ?? onConfirm;
  return (
    <Input
      id={id}
      className={className}
      value={value}
      placeholder={placeholder}
      maxlength={maxlength}
      confirmType={onSearch ? 'search' : undefined}
      onInput={(e) => onInput(e.detail.value)}
      onConfirm={confirm ? (e) => confirm(e.detail.value || value) : undefined}
    />
  );
}
