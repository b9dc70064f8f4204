/**
 * Test double for `@tarojs/components` (mapped in miniapp/jest.config.js), for the component tests that
 * render with React in jsdom (*.test.tsx). Why it exists: Taro's components are Stencil web components
 * wired to Taro's runtime (the mini-program DOM, its event bridge), which do not run under jsdom. These
 * draw plain host elements instead: View → div, Text → span, Input → input. They keep id / className /
 * data-* and forward events in Taro's shape (onClick as given; onInput as `{ detail: { value } }`, what
 * Taro hands a page on weapp and H5), and nothing more: what the screen shows and decides stays the
 * component's own code under test.
 */
import type { ReactNode } from 'react';
import { hostProps } from './hostProps';

interface HostProps {
  id?: string;
  className?: string;
  children?: ReactNode;
  onClick?: (e: unknown) => void;
  [attr: `data-${string}`]: unknown;
}

export function View({ children, onClick, ...rest }: HostProps) {
  return (
    <div {...hostProps(rest)} onClick={onClick}>
      {children}
    </div>
  );
}

export function Text({ children, onClick, ...rest }: HostProps) {
  return (
    <span {...hostProps(rest)} onClick={onClick}>
      {children}
    </span>
  );
}

/**
 * Taro's native button: a <button>. With open-type="agreePrivacyAuthorization" WeChat fires
 * bindagreeprivacyauthorization on the tap (and only then); the double does the same on click.
 */
export function Button({
  children,
  onClick,
  openType,
  onAgreePrivacyAuthorization,
  ...rest
}: HostProps & { openType?: string; onAgreePrivacyAuthorization?: (e: unknown) => void }) {
  return (
    <button
      type='button'
      {...hostProps(rest)}
      data-open-type={openType}
      onClick={(e) => {
        onClick?.(e);
        if (openType === 'agreePrivacyAuthorization') onAgreePrivacyAuthorization?.({ type: 'agreeprivacyauthorization', detail: {} });
      }}
    >
      {children}
    </button>
  );
}

/** Taro's input event: the typed text in `detail.value`. */
export interface InputEvent {
  detail: { value: string };
}

interface InputProps extends Omit<HostProps, 'children'> {
  value?: string;
  type?: string;
  placeholder?: string;
  disabled?: boolean;
  maxlength?: number;
  onInput?: (e: InputEvent) => void;
}

/**
 * Taro's `type='number'` (weapp's number keyboard) is drawn as a text field with a numeric keyboard: jsdom
 * would empty an <input type=number> holding "1000.5" or "abc", and the component's own amount check is what
 * a test should see.
 */
export function Input({ value, type, placeholder, disabled, maxlength, onInput, onClick, ...rest }: InputProps) {
  return (
    <input
      {...hostProps(rest)}
      type={type === 'number' || type === 'digit' ? 'text' : (type ?? 'text')}
      inputMode={type === 'number' ? 'numeric' : type === 'digit' ? 'decimal' : undefined}
      value={value ?? ''}
      placeholder={placeholder}
      disabled={disabled}
      maxLength={maxlength}
      onClick={onClick}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}
