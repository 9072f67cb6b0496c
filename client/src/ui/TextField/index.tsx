import type { ReactNode } from 'react';
import { Button, Input, Text, Textarea } from '@tarojs/components';
import type { InputProps } from '@tarojs/components/types/Input';
import FormField, { SelectField } from '@/ui/FormField';
import './index.css';

interface FieldProps {
  /** The control's id; the red text gets `<id>-error` unless `errorId` says otherwise. */
  id: string;
  label: string;
  error?: string;
  errorId?: string;
  hint?: string;
}

interface TextProps extends FieldProps {
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  maxlength?: number;
  type?: InputProps['type'];
  /** Several lines (a Textarea) instead of one. */
  multiline?: boolean;
  /** Extra class of the control (a taller box). */
  className?: string;
  /** Shown in the field above the control (kind chips). */
  before?: ReactNode;
  /** Shown in the field under the control (a counter, a helper button). */
  children?: ReactNode;
}

/** A labelled text input or text box of a form, with its red message or hint (a FormField). */
export default function TextField({
  id,
  label,
  error,
  errorId,
  hint,
  value,
  onInput,
  placeholder,
  maxlength,
  type,
  multiline,
  className,
  before,
  children,
}: TextProps) {
  const control = { id, value, maxlength, placeholder, onInput: (e: { detail: { value: string } }) => onInput(e.detail.value) };
  return (
    <FormField label={label} error={error} errorId={errorId ?? `${id}-error`} hint={hint}>
      {before}
      {multiline ? (
        <Textarea {...control} className={`field-textarea ${className ?? ''}`} />
      ) : (
        <Input {...control} className={`field-input ${className ?? ''}`} type={type} />
      )}
      {children}
    </FormField>
  );
}

type PickProps = FieldProps & Parameters<typeof SelectField>[0];

/** A labelled one-column picker of a form (a FormField around a SelectField). */
export function PickField({ id, label, error, errorId, hint, ...select }: PickProps) {
  return (
    <FormField label={label} error={error} errorId={errorId ?? `${id}-error`} hint={hint}>
      <SelectField id={id} {...select} />
    </FormField>
  );
}

/** What a useForm form offers its fields. */
export interface FormBinding<V> {
  values: V;
  errors: Record<string, string>;
  update: <K extends keyof V>(key: K, value: V[K], ...errorKeys: string[]) => void;
}

/** Value, red message and input handler of a text field bound to `key` of a useForm form. */
export function bindText<V, K extends keyof V & string>(form: FormBinding<V>, key: K, errorKey: string = key) {
  return {
    value: String(form.values[key] ?? ''),
    error: form.errors[errorKey],
    onInput: (v: string) => form.update(key, v as V[K], errorKey),
  };
}

interface PickOptions {
  /** What the field says while nothing is chosen (default: the label of the row shown). */
  placeholder?: string;
  /** The row the wheel starts at while nothing is chosen. */
  start?: unknown;
}

/** Range, row, text and pick handler of a picker bound to `key` of a useForm form: choosing `options[i]` (labelled `labels[i]`). */
export function bindPick<V, K extends keyof V & string>(form: FormBinding<V>, key: K, options: readonly V[K][], labels: string[], o: PickOptions = {}) {
  const value = form.values[key];
  const at = Math.max(0, options.indexOf(value));
  return {
    range: labels,
    index: Math.max(0, options.indexOf((value ?? o.start) as V[K])),
    text: value == null && o.placeholder !== undefined ? o.placeholder : labels[at],
    empty: value == null,
    error: form.errors[key],
    onPick: (i: number) => form.update(key, (options[i] ?? null) as V[K]),
  };
}

/** The message for the whole form (what no field shows), above its button. */
export function FormError({ id, text }: { id: string; text: string }) {
  return text ? (
    <Text className='field-error form-error' id={id}>
      {text}
    </Text>
  ) : null;
}

interface SubmitProps {
  id: string;
  busy: boolean;
  /** Shown while busy (the button's own spinner when omitted). */
  busyText?: string;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}

/** A form's main button: disabled while the save runs, saying so. */
export function SubmitButton({ id, busy, busyText, className = 'form-submit', onClick, children }: SubmitProps) {
  return (
    <Button id={id} className={`btn btn-primary ${className} ${busy ? 'btn-busy' : ''}`} loading={busy && !busyText} disabled={busy} onClick={onClick}>
      {busy && busyText ? busyText : children}
    </Button>
  );
}
