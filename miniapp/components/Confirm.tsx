import { useCallback, useRef, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Dialog } from '@nutui/nutui-react-taro';
import type { Confirmation } from '../logic/confirmations';

type Asking = Confirmation & { resolve: (ok: boolean) => void };

/**
 * The one confirmation for irreversible or money-moving steps (logic/confirmations.ts says what each
 * one reads): a NutUI Dialog that states what will happen and the amount, 取消 on the left, the step
 * itself on the right (red when something is lost or refused).
 *
 *   const [confirmDialog, ask] = useConfirm();
 *   if (await ask(approveRedemption(r, parties))) …
 *   return <>…{confirmDialog}</>;
 */
export function useConfirm(): [ReactNode, (c: Confirmation) => Promise<boolean>] {
  const [asking, setAsking] = useState<Asking | null>(null);
  const current = useRef<Asking | null>(null);

  const ask = useCallback(
    (c: Confirmation) =>
      new Promise<boolean>((resolve) => {
        current.current?.resolve(false);
        const next = { ...c, resolve };
        current.current = next;
        setAsking(next);
      }),
    [],
  );

  const answer = (ok: boolean) => {
    const a = current.current;
    current.current = null;
    setAsking(null);
    a?.resolve(ok);
  };

  const dialog = (
    <Dialog
      id='confirm-dialog'
      className={`confirm-dialog ${asking?.danger ? 'confirm-dialog--danger' : ''}`}
      visible={!!asking}
      title={asking?.title ?? ''}
      content={
        <View className='confirm-dialog__body'>
          {(asking?.lines ?? []).map((line) => (
            <View key={line} className='confirm-dialog__line'>
              {line}
            </View>
          ))}
        </View>
      }
      confirmText={asking?.confirmText ?? '确定'}
      cancelText='取消'
      closeOnOverlayClick={false}
      onConfirm={() => answer(true)}
      onCancel={() => answer(false)}
      onClose={() => {
        if (current.current) answer(false);
      }}
    />
  );
  return [dialog, ask];
}
