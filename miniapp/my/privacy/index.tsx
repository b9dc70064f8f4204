import { Text, View } from '@tarojs/components';
import { PRIVACY_GUIDE_NAME } from '../../services/privacy';

/** One section of the guide: what is collected, why, and what happens if the user says no. */
interface Section {
  id: string;
  title: string;
  lines: string[];
}

/**
 * The privacy guide the app's privacy popup links to (WeChat's user-privacy rules), the same on weapp and
 * H5: what the app collects, why, how long it keeps it, and what still works when the user declines.
 * It must say the same as the guide filed in the mini-program's admin console (docs/weapp-preview.md).
 */
export const PRIVACY_SECTIONS: Section[] = [
  {
    id: 'identity',
    title: '登录信息',
    lines: ['微信登录时，我们获得您在本小程序中的用户标识，用于识别您的账号。我们不获取您的微信昵称、头像或手机号。'],
  },
  {
    id: 'applicant',
    title: '您填报的信息',
    lines: [
      '申领创新券、登记合同、申请兑现时，您填写的单位名称、统一社会信用代码、经营数据、联系人等，用于按《首都科技创新券实施细则》核验资格和办理业务。',
      '开放单位工作人员和评审专家的姓名、工作单位，用于办理合作和评审，并按细则要求公示。',
    ],
  },
  {
    id: 'files',
    title: '文件和图片（需要您同意）',
    lines: [
      '上传证明材料时，您从聊天中选择的文件、拍摄或从相册选择的图片，只用于兑现审核和监督检查。',
      '不同意时无法选择文件，其他功能照常使用；需要上传时再次点击并同意即可。',
    ],
  },
  {
    id: 'clipboard',
    title: '剪贴板（需要您同意）',
    lines: ['点击“复制邀请码”时，我们把邀请码写入剪贴板，方便您发给同事或专家。我们不读取您剪贴板中的其他内容。', '不同意时，可以长按邀请码手动复制。'],
  },
  {
    id: 'messages',
    title: '订阅消息',
    lines: ['只有您在提示中点击“允许”后，我们才会通过微信发送提醒，每次允许只发送一条。所有提醒同时保存在“我的 → 消息中心”。'],
  },
  {
    id: 'keeping',
    title: '保存和使用',
    lines: [
      '信息保存在北京市科技创新券服务的服务器上，按财政资金管理要求保存，只用于创新券业务和监督检查，不出售、不用于广告。',
      '您可以在“我的”中查看和修改您填报的信息；对本指引有疑问，请联系北京市科学技术委员会、中关村科技园区管理委员会。',
    ],
  },
];

export default function PrivacyGuide() {
  return (
    <View className='page' id='privacy-guide'>
      <View className='card'>
        <Text className='section-title'>{PRIVACY_GUIDE_NAME}</Text>
        <View className='muted'>科创券小程序（首都科技创新券）如何收集和使用您的信息。</View>
      </View>
      {PRIVACY_SECTIONS.map((s) => (
        <View key={s.id} className='card' id={`privacy-${s.id}`}>
          <Text className='section-title'>{s.title}</Text>
          {s.lines.map((l) => (
            <View key={l} className='privacy-guide__line'>
              {l}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
