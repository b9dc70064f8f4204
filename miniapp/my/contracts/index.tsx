import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { ContractRow } from '../../components/Contract';
import { PAGES, goContract, goLogin, goTab } from '../../components/nav';
import { api } from '../../services/api';
import type { ContractView } from '../../services/types';

type State = { kind: 'signed_out' } | Remote<ContractView[]>;

/** 我的合同: the applicant's proposals and contracts, newest first (GET /api/contracts). */
export default function MyContracts() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  async function load() {
    if (!api.signedIn()) {
      setState({ kind: 'signed_out' });
      return;
    }
    try {
      const [me, { contracts }] = await Promise.all([api.me(), api.contracts()]);
      // Staff of a unit also see the unit's contracts here; 我的合同 keeps the applicant's own.
      const own = me.applicant ? contracts.filter((c) => c.applicantId === me.applicant?.id) : contracts;
      setState({ kind: 'ready', data: own });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className='page' id='my-contracts'>
      {state.kind === 'signed_out' ? (
        <EmptyState icon='user' title='请先登录' description='登录后查看合作申请和合同' action={{ text: '去登录', onClick: () => void goLogin() }} />
      ) : (
        <Loaded state={state} reload={() => void load()} rows={4} errorTitle='加载失败'>
          {(contracts) =>
            contracts.length === 0 ? (
              <EmptyState
                title='还没有合作申请'
                description='在“实验室”选择开放单位的服务，点击“申请合作”，用已领取的创新券提交项目'
                action={{ text: '去实验室', onClick: () => void goTab(PAGES.labs) }}
              />
            ) : (
              contracts.map((c) => <ContractRow key={c.id} c={c} onClick={() => void goContract(c.id)} />)
            )
          }
        </Loaded>
      )}
    </View>
  );
}
