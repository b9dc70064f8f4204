import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import RoleGate from '../../components/RoleGate';
import { PAGES, goTab, withQuery } from '../../components/nav';
import { evaluationApi } from '../../services/evaluationApi';
import type { MeView } from '../../services/types';
import { formatBeijing } from '../../logic/clock';
import { applicationNext } from '../../logic/unitApplication';
import { ApplicationDetail, STATUS_TAG } from '../components';

function Mine() {
  const { state, reload } = useRemote(() => evaluationApi.myUnitApplications(), 'mine');
  useDidShow(reload);
  return (
    <View className='page' id='my-unit-applications'>
      <Loaded state={state} reload={reload} rows={4} errorTitle='加载失败'>
        {({ applications }) => {
          const active = applications.find((a) => a.status !== 'refused' && a.status !== 'joined');
          return (
            <>
              {applications.length === 0 && (
                <EmptyState
                  title='还没有提交过申请'
                  description='在京注册、拥有可对外开放科研仪器的高校、院所和企业，可申请纳入开放单位名录（第六条）'
                  action={{ text: '申请成为开放单位', onClick: () => void Taro.navigateTo({ url: PAGES.unitApply }) }}
                />
              )}
              {applications.map((a) => {
                const next = applicationNext(a);
                return (
                  <View key={a.id} className='unit-application' data-application-id={a.id} data-status={a.status}>
                    <View className='card detail-head'>
                      <View className='link-card'>
                        <View className='link-card__main'>
                          <View className='detail-head__title'>{a.name}</View>
                          <View className='detail-head__sub'>提交于 {formatBeijing(a.submittedAt)}</View>
                        </View>
                        <Text className={STATUS_TAG[a.status]} id={`application-status-${a.id}`}>
                          {a.statusLabel}
                        </Text>
                      </View>
                      <View className={`hint ${a.status === 'info_requested' ? 'hint--warn' : a.status === 'refused' ? 'hint--danger' : ''}`} id='application-next'>
                        {next.line}
                      </View>
                      {next.editable && (
                        <View className='review-actions'>
                          <Button type='primary' block id='application-edit' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.unitApply, { id: a.id }) })}>
                            {a.status === 'info_requested' ? '补充材料' : '修改或上传证明材料'}
                          </Button>
                        </View>
                      )}
                      {a.status === 'joined' && (
                        <View className='review-actions'>
                          <Button type='primary' block onClick={() => void goTab(PAGES.desk)}>
                            进入工作台
                          </Button>
                        </View>
                      )}
                    </View>
                    <ApplicationDetail a={a} />
                  </View>
                );
              })}
              {applications.length > 0 && !active && (
                <View className='review-actions'>
                  <Button block fill='outline' onClick={() => void Taro.navigateTo({ url: PAGES.unitApply })}>
                    提交新的申请
                  </Button>
                </View>
              )}
            </>
          );
        }}
      </Loaded>
    </View>
  );
}

const anyone = (me: MeView): me is MeView => !!me;

/** 我的入库申请: where each application stands, what the administrator asked for, the notice, the history. */
export default function MyUnitApplications() {
  return (
    <RoleGate id='applications-gate' admit={anyone} signedOut='登录后查看本单位的入库申请进度' forbiddenTitle='暂不能查看' forbidden={() => ''}>
      {() => <Mine />}
    </RoleGate>
  );
}
