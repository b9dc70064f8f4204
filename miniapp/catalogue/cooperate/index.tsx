import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import EmptyState from '../../components/EmptyState';
import { PAGES, goTab } from '../../components/nav';

/** 申请合作: placeholder until the proposal API ships (第九条: the open unit confirms the project). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export default function Cooperate() {
  const name = useRouter().params.name;
  return (
    <View className='page' id='cooperate-placeholder'>
      <EmptyState
        title='合作申请即将开放'
        description={`${name ? `「${safeDecode(name)}」` : '该服务'}的在线合作申请正在建设中。届时可选择创新券、填写项目信息，由开放单位确认后签订技术服务合同。现在可先联系开放单位沟通需求。`}
        action={{ text: '返回服务详情', onClick: () => void Taro.navigateBack().catch(() => goTab(PAGES.labs)) }}
      />
      <View className='muted' style={{ padding: '0 8px', lineHeight: 1.6 }}>
        已获得市级财政科技资金支持的项目不能再使用创新券；单张创新券最多支付合同实际金额的 50%（第十二条）。
      </View>
    </View>
  );
}
