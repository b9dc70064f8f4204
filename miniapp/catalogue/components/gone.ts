import type { ComponentProps } from 'react';
import type EmptyState from '../../components/EmptyState';
import { PAGES, goTab } from '../../components/nav';

/** A detail page's not-found card (paused, withdrawn or delisted: 第六条): says so and leads back to the 实验室 tab. */
export function gone(title: string, description: string): ComponentProps<typeof EmptyState> {
  return { status: 'empty', title, description, action: { text: '返回实验室目录', onClick: () => void goTab(PAGES.labs) } };
}
