import { Text, View } from '@tarojs/components';
import { Empty, Tag } from '@nutui/nutui-react-taro';
import { SERVICE_CATEGORY_OPTIONS } from '@kcq/shared';

/** Placeholder until the open units' catalogue ships. */
export default function Labs() {
  return (
    <View className='page'>
      <View className='card'>
        <Empty
          title='实验室目录即将上线'
          description='开放单位的科研设施与仪器、分析测试与算力服务将在这里展示。领取创新券后，可在此选择服务并提交合作项目。'
        />
      </View>
      <View className='section-title'>
        <Text>可使用创新券的服务类别</Text>
      </View>
      <View className='card' style={{ display: 'flex', flexWrap: 'wrap', gap: '8px' }}>
        {SERVICE_CATEGORY_OPTIONS.map((c) => (
          <Tag key={c.code} type='primary' plain round>
            {c.label}
          </Tag>
        ))}
      </View>
      <View className='muted' style={{ padding: '0 8px', lineHeight: 1.6 }}>
        强制检测、法定检测不在创新券支持范围内（第五条）；单张创新券最多支付合同实际金额的 50%（第十二条）。
      </View>
    </View>
  );
}
