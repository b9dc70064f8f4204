import type { ReactNode } from 'react';
import { Input as TaroInput, Label, Text, Textarea, View } from '@tarojs/components';
import { Radio } from '@nutui/nutui-react-taro';

interface RowProps {
  label: string;
  required?: boolean;
  messages?: string[];
  children: ReactNode;
  hint?: string;
  stacked?: boolean;
  /** No <Label> around the row: it holds its own buttons or file picker (a label would fire them twice). */
  plain?: boolean;
}

/**
 * One form row: label, control, and the messages (missing field, failed clause, the server's refusal)
 * under it. The row is a <Label>: a tap on its label or blank area focuses its input (weapp and H5).
 */
export function FieldRow({ label, required, messages = [], children, hint, stacked, plain }: RowProps) {
  const Row = plain ? View : Label;
  return (
    <View className={`field ${messages.length ? 'field--error' : ''} ${stacked ? 'field--stacked' : ''}`}>
      <Row className='field__main'>
        <Text className='field__label'>
          {required && <Text className='field__required'>*</Text>}
          {label}
        </Text>
        <View className='field__control'>{children}</View>
      </Row>
      {hint && !messages.length && <View className='field__hint'>{hint}</View>}
      {messages.map((m) => (
        <View key={m} className='field__message'>
          {m}
        </View>
      ))}
    </View>
  );
}

interface TextProps {
  id: string;
  value: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  unit?: string;
  maxlength?: number;
  onChange: (v: string) => void;
}

export function TextInput({ id, value, placeholder, type = 'text', unit, maxlength = 140, onChange }: TextProps) {
  return (
    <View className='field__input-wrap'>
      <TaroInput
        id={id}
        className='field__input'
        type={type}
        value={value}
        placeholder={placeholder}
        placeholderClass='field__placeholder'
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
      />
      {unit && <Text className='field__unit'>{unit}</Text>}
    </View>
  );
}

interface YesNoProps {
  id: string;
  value: boolean;
  onChange: (v: boolean) => void;
  yes?: string;
  no?: string;
}

export function YesNo({ id, value, onChange, yes = '是', no = '否' }: YesNoProps) {
  return (
    <View id={id} className='field__choice'>
      <Radio.Group
        direction='horizontal'
        shape='button'
        value={value ? 'yes' : 'no'}
        onChange={(v) => onChange(v === 'yes')}
        options={[
          { label: yes, value: 'yes' },
          { label: no, value: 'no' },
        ]}
      />
    </View>
  );
}

interface ChoiceProps {
  id: string;
  value: string;
  options: ReadonlyArray<{ code: string; label: string }>;
  onChange: (v: string) => void;
}

export function Choice({ id, value, options, onChange }: ChoiceProps) {
  return (
    <View id={id} className='field__choice field__choice--wrap'>
      <Radio.Group
        direction='horizontal'
        shape='button'
        value={value}
        onChange={(v) => onChange(String(v))}
        options={options.map((o) => ({ label: o.label, value: o.code }))}
      />
    </View>
  );
}

interface TextBoxProps {
  id: string;
  value: string;
  placeholder?: string;
  maxlength?: number;
  onChange: (v: string) => void;
}

/** A multi-line text (a project description, a report); use in a `stacked` FieldRow. */
export function TextBox({ id, value, placeholder, maxlength = 2000, onChange }: TextBoxProps) {
  return (
    <View className='field__input-wrap field__textarea-wrap'>
      <Textarea
        id={id}
        className='field__textarea'
        value={value}
        placeholder={placeholder}
        placeholderClass='field__placeholder'
        maxlength={maxlength}
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}
