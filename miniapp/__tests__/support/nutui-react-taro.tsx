/**
 * Test double for `@nutui/nutui-react-taro` (mapped in miniapp/jest.config.js), for the component tests
 * in jsdom. Why it exists: NutUI's Taro build draws through @tarojs/components and calls @tarojs/taro
 * (getEnv, the page's scroll lock), so it cannot run without Taro's runtime either. Each double keeps the
 * part of NutUI's behaviour a founder meets and nothing else:
 * - Button: a <button> with its children; like NutUI it ignores taps while `loading` or `disabled`
 *   (NutUI's own class names nut-button-loading / nut-button-disabled mark them).
 * - Popup: nothing while hidden; when visible its title, the close icon (NutUI's label 关闭) calling
 *   onClose, and its children.
 * - Tag, Progress: their text / percentage.
 */
import type { ReactNode } from 'react';
import { cx, hostProps } from './hostProps';

interface Common {
  id?: string;
  className?: string;
  children?: ReactNode;
  [attr: `data-${string}`]: unknown;
}

interface ButtonProps extends Common {
  type?: string;
  fill?: string;
  size?: string;
  block?: boolean;
  loading?: boolean;
  disabled?: boolean;
  onClick?: (e: unknown) => void;
}

export function Button({ type = 'default', fill, size, block, loading = false, disabled = false, onClick, className, children, ...rest }: ButtonProps) {
  return (
    <button
      {...hostProps(rest)}
      type='button'
      className={cx('nut-button', `nut-button-${type}`, loading && 'nut-button-loading', (disabled || loading) && 'nut-button-disabled', className)}
      disabled={disabled}
      onClick={(e) => {
        if (!loading && !disabled) onClick?.(e);
      }}
    >
      {children}
    </button>
  );
}

interface PopupProps extends Common {
  visible?: boolean;
  title?: ReactNode;
  position?: string;
  round?: boolean;
  closeable?: boolean;
  onClose?: () => void;
}

export function Popup({ visible = false, title, position, round, closeable, onClose, className, children, ...rest }: PopupProps) {
  if (!visible) return null;
  return (
    <div {...hostProps(rest)} className={cx('nut-popup', className)} role='dialog' aria-label={typeof title === 'string' ? title : undefined}>
      {closeable && <span className='nut-popup-title-right' role='button' aria-label='关闭' onClick={() => onClose?.()} />}
      {title && <div className='nut-popup-title-title'>{title}</div>}
      {children}
    </div>
  );
}

export function Tag({ className, children, type, round, ...rest }: Common & { type?: string; round?: boolean }) {
  return (
    <span {...hostProps(rest)} className={cx('nut-tag', type && `nut-tag-${type}`, className)}>
      {children}
    </span>
  );
}

export function Progress({ percent = 0, className, ...rest }: Common & { percent?: number; [prop: string]: unknown }) {
  return <div {...hostProps(rest)} className={cx('nut-progress', className)} role='progressbar' aria-valuenow={percent} />;
}
