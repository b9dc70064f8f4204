import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Input as TaroInput, ScrollView, Text, View } from '@tarojs/components';
import { Button, Popup, Skeleton } from '@nutui/nutui-react-taro';
import { PRIORITY_FIELDS, REGIONS, SERVICE_CATEGORIES, type PriorityField, type Region, type ServiceCategory } from '@kcq/shared';
import ServiceCard from '../../components/ServiceCard';
import EmptyState from '../../components/EmptyState';
import { goService } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import {
  DISTRICTS_BY_REGION,
  SORT_OPTIONS,
  activeFilterCount,
  appendPage,
  buildQuery,
  canLoadMore,
  categoryLabel,
  emptyAdvice,
  emptyFilters,
  fieldLabel,
  queryKey,
  regionLabel,
  startList,
  type CatalogueFilters,
  type ListState,
} from '../../logic/catalogue';
import './index.scss';

/** H5 paints its tab bar inside the page: a bottom sheet keeps clear of it (weapp's tab bar is native, outside the page). */
const IS_H5 = process.env.TARO_ENV === 'h5';

/** Typing pauses this long before the list follows the keyword. */
const TYPE_DEBOUNCE_MS = 400;

interface ChipProps<T extends string> {
  options: ReadonlyArray<{ code: T; label: string }>;
  value: T | null;
  onChange: (v: T | null) => void;
  /** Label of the "no filter" chip. */
  any?: string;
  id?: string;
}

function Chips<T extends string>({ options, value, onChange, any = '不限', id }: ChipProps<T>) {
  return (
    <View className='chips' id={id}>
      <View className={`chip ${value === null ? 'chip--active' : ''}`} onClick={() => onChange(null)}>
        {any}
      </View>
      {options.map((o) => (
        <View key={o.code} className={`chip ${value === o.code ? 'chip--active' : ''}`} data-code={o.code} onClick={() => onChange(o.code)}>
          {o.label}
        </View>
      ))}
    </View>
  );
}

const FIELD_OPTIONS = PRIORITY_FIELDS.map((code) => ({ code, label: fieldLabel(code) }));
const REGION_OPTIONS = REGIONS.map((code) => ({ code, label: regionLabel(code) }));
const CATEGORY_OPTIONS = SERVICE_CATEGORIES.map((code) => ({ code, label: categoryLabel(code) }));

/** The 实验室 tab: search, filter and sort the open units' services (第五条), with infinite scroll. */
export default function Labs() {
  const [filters, setFilters] = useState<CatalogueFilters>(emptyFilters);
  const [draftQ, setDraftQ] = useState('');
  const [list, setList] = useState<ListState>(() => startList(emptyFilters()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ first: boolean; message: string } | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [draft, setDraft] = useState<CatalogueFilters>(emptyFilters);

  // Latest values for callbacks fired by the page (reach bottom, timers).
  const filtersRef = useRef(filters);
  const listRef = useRef(list);
  const busyRef = useRef(false);
  listRef.current = list;
  filtersRef.current = filters;

  const loadFirst = useCallback(async (f: CatalogueFilters) => {
    const key = queryKey(f);
    const fresh = startList(f);
    listRef.current = fresh;
    setList(fresh);
    setError(null);
    busyRef.current = true;
    setBusy(true);
    try {
      const page = await api.searchServices(buildQuery(f));
      setList((s) => {
        const next = appendPage(s, key, page, true);
        listRef.current = next;
        return next;
      });
    } catch (e) {
      if (queryKey(filtersRef.current) === key) setError({ first: true, message: errorLine(e) });
    } finally {
      if (queryKey(filtersRef.current) === key) {
        busyRef.current = false;
        setBusy(false);
      }
    }
  }, []);

  const loadMore = useCallback(async () => {
    const s = listRef.current;
    if (!canLoadMore(s, busyRef.current)) return;
    const f = filtersRef.current;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const page = await api.searchServices(buildQuery(f, s.nextCursor));
      setList((cur) => {
        const next = appendPage(cur, s.key, page, false);
        listRef.current = next;
        return next;
      });
    } catch (e) {
      setError({ first: false, message: errorLine(e) });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  function apply(next: CatalogueFilters) {
    filtersRef.current = next;
    setFilters(next);
    void loadFirst(next);
  }

  useEffect(() => {
    void loadFirst(filtersRef.current);
  }, [loadFirst]);

  // The keyword follows typing after a short pause; 搜索 / the keyboard's confirm applies it at once.
  useEffect(() => {
    if (draftQ === filtersRef.current.q) return undefined;
    const timer = setTimeout(() => apply({ ...filtersRef.current, q: draftQ }), TYPE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftQ]);

  useReachBottom(() => {
    void loadMore();
  });

  usePullDownRefresh(() => {
    void loadFirst(filtersRef.current).finally(() => Taro.stopPullDownRefresh());
  });

  function searchNow() {
    if (draftQ !== filters.q) apply({ ...filters, q: draftQ });
  }

  async function chooseSort() {
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: SORT_OPTIONS.map((o) => o.label) });
      const sort = SORT_OPTIONS[tapIndex]?.code;
      if (sort && sort !== filters.sort) apply({ ...filters, sort });
    } catch {
      // Cancelled.
    }
  }

  function openSheet() {
    setDraft(filters);
    setSheetOpen(true);
  }

  function clearFilters() {
    apply({ ...emptyFilters(), q: filters.q, sort: filters.sort });
  }

  const advice = emptyAdvice(filters);
  const count = activeFilterCount(filters);
  const sheetCount = [filters.field, filters.district, filters.region].filter(Boolean).length;
  const districts = draft.region ? DISTRICTS_BY_REGION[draft.region] : REGIONS.flatMap((r) => DISTRICTS_BY_REGION[r]);

  return (
    <View className='page catalogue'>
      <View className='catalogue__head'>
        <View className='catalogue__search'>
          <View className='catalogue__search-box'>
            <View className='catalogue__search-icon' />
            <TaroInput
              id='catalogue-q'
              className='catalogue__search-input'
              placeholder='搜索单位、实验室、服务或仪器，如 质谱'
              placeholderClass='catalogue__placeholder'
              value={draftQ}
              maxlength={50}
              confirmType='search'
              onInput={(e) => setDraftQ(e.detail.value)}
              onConfirm={searchNow}
            />
            {draftQ && (
              <Text className='catalogue__search-clear' onClick={() => setDraftQ('')}>
                ×
              </Text>
            )}
          </View>
          <View className='catalogue__search-btn' id='catalogue-search' onClick={searchNow}>
            搜索
          </View>
        </View>

        <ScrollView scrollX className='catalogue__categories' enhanced showScrollbar={false}>
          <Chips<ServiceCategory>
            id='category-chips'
            options={CATEGORY_OPTIONS}
            value={filters.category}
            any='全部'
            onChange={(category) => apply({ ...filters, category })}
          />
        </ScrollView>

        <View className='catalogue__toolbar'>
          <View
            id='eligible-only'
            className={`toggle ${filters.eligibleOnly ? 'toggle--on' : ''}`}
            data-on={filters.eligibleOnly ? 'true' : 'false'}
            onClick={() => apply({ ...filters, eligibleOnly: !filters.eligibleOnly })}
          >
            <Text className='toggle__box'>{filters.eligibleOnly ? '✓' : ''}</Text>
            只看可用创新券
          </View>
          <View className='catalogue__tools'>
            <View className='tool' id='catalogue-sort' onClick={() => void chooseSort()}>
              {SORT_OPTIONS.find((o) => o.code === filters.sort)?.label} ▾
            </View>
            <View className={`tool ${sheetCount ? 'tool--active' : ''}`} id='catalogue-filter' onClick={openSheet}>
              筛选{sheetCount ? ` ${sheetCount}` : ''} ▾
            </View>
          </View>
        </View>
      </View>

      {!list.loaded && !error && (
        <View id='catalogue-skeleton'>
          {[0, 1, 2].map((i) => (
            <View key={i} className='skeleton-card'>
              <Skeleton rows={3} animated />
            </View>
          ))}
        </View>
      )}

      {error?.first && (
        <EmptyState status='network' title='加载失败' description={error.message} action={{ text: '重新加载', onClick: () => void loadFirst(filters) }} />
      )}

      {list.loaded && list.items.length === 0 && (
        <EmptyState
          id='catalogue-empty'
          title={advice.title}
          description={advice.description}
          action={
            advice.action === 'clear_filters'
              ? { text: '清除筛选条件', onClick: clearFilters }
              : advice.action === 'clear_keyword'
                ? { text: '清除关键词', onClick: () => setDraftQ('') }
                : undefined
          }
        />
      )}

      {list.items.length > 0 && (
        <View id='catalogue-list' data-count={list.items.length}>
          {list.items.map((s) => (
            <ServiceCard key={s.id} service={s} onOpen={(x) => void goService(x.id)} />
          ))}
        </View>
      )}

      {list.loaded && list.items.length > 0 && (
        <View className='catalogue__more' id='catalogue-more' data-state={busy ? 'loading' : list.done ? 'done' : 'more'}>
          {busy && <Text>加载中…</Text>}
          {!busy && error && !error.first && (
            <Text className='link' onClick={() => void loadMore()}>
              {error.message}，点击重试
            </Text>
          )}
          {!busy && !error && !list.done && (
            <Text className='link' onClick={() => void loadMore()}>
              上滑加载更多
            </Text>
          )}
          {!busy && list.done && (
            <Text>
              已显示全部 {list.items.length} 项{count ? '（已筛选）' : ''} · 法定检测、强制检测不可用券（第五条）
            </Text>
          )}
        </View>
      )}

      <Popup visible={sheetOpen} position='bottom' round onClose={() => setSheetOpen(false)} title='筛选'>
        <View className={`filter-sheet ${IS_H5 ? 'filter-sheet--h5' : ''}`} id='filter-sheet'>
          <View className='filter-sheet__label'>实验室所属领域</View>
          <Chips<PriorityField> options={FIELD_OPTIONS} value={draft.field} onChange={(field) => setDraft({ ...draft, field })} />
          <View className='filter-sheet__label'>地区</View>
          <Chips<Region>
            id='region-chips'
            options={REGION_OPTIONS}
            value={draft.region}
            onChange={(region) => setDraft({ ...draft, region, district: null })}
          />
          <View className='filter-sheet__hint'>天津、河北的开放单位经互认后可接收创新券（第十九条）</View>
          <View className='filter-sheet__label'>区县</View>
          <Chips<string>
            options={districts.map((d) => ({ code: d, label: d }))}
            value={draft.district}
            onChange={(district) => setDraft({ ...draft, district })}
          />
          <View className='actions'>
            <Button onClick={() => setDraft({ ...draft, field: null, region: null, district: null })}>重置</Button>
            <Button
              type='primary'
              id='filter-apply'
              onClick={() => {
                setSheetOpen(false);
                apply({ ...filters, field: draft.field, region: draft.region, district: draft.district });
              }}
            >
              查看结果
            </Button>
          </View>
        </View>
      </Popup>
    </View>
  );
}
