/**
 * Demo catalogue for `npm start`: open units modelled on the institutions the 2015 newsletter names
 * (shared/seeds/000_…: CAS institutes, Tsinghua, Peking University, China Building Materials Academy and
 * CTC, Beijing Academy of Agriculture and Forestry Sciences, Beijing Academy of Science and Technology…)
 * plus a few Tianjin and Hebei units (第十九条; one not yet mutually recognised).
 *
 * Compact tables → a generator: each lab has a discipline, each discipline a list of service templates
 * (instrument choices, price range, lead time). Deterministic: every random choice comes from a PRNG
 * seeded by the item's own key, and ids are derived from names (`stableId`), so the same tables give the
 * same catalogue on every machine and re-seeding inserts nothing new. Figures are plausible, not quotes.
 */
import { createHash } from 'node:crypto';
import type { LabLevel, OpenUnitKind, PriceUnit, PriorityField, Region, ServiceCategory } from '@kcq/shared';
import type { LabInput, ServiceInput } from '../domain/catalogue';
import type { UnitProfile } from '../domain/openUnits';
import type { Services } from '../domain/services';

/** A stable id of the `xx_<22 chars>` shape the API accepts, derived from a name. */
export function stableId(prefix: string, key: string): string {
  return `${prefix}_${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

/** mulberry32, seeded from the key: the same key always draws the same numbers. */
export function seededRandom(key: string): () => number {
  let a = createHash('sha256').update(key).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------
// Tables

type Inst = [name: string, options: [model: string, maker: string][]];
interface Template {
  name: string;
  category: ServiceCategory;
  inst: Inst | null;
  /** Yuan per unit, inclusive range. */
  price: [number, number];
  unit: PriceUnit;
  days: [number, number];
  statutory?: true;
  /** Compute: GPU model and card counts to pick from. */
  gpu?: [model: string, cards: number[]];
}

const t = (
  name: string,
  category: ServiceCategory,
  inst: Inst | null,
  price: [number, number],
  unit: PriceUnit,
  days: [number, number],
  extra: Partial<Template> = {},
): Template => ({ name, category, inst, price, unit, days, ...extra });

const LCMS: Inst = ['液相色谱-质谱联用仪', [['6545 Q-TOF', '安捷伦'], ['Xevo G2-XS QTof', '沃特世'], ['TripleTOF 6600+', 'SCIEX']]];
const GCMS: Inst = ['气相色谱-质谱联用仪', [['GCMS-QP2020 NX', '岛津'], ['7000D GC/TQ', '安捷伦'], ['TSQ 9610', '赛默飞']]];
const ICPMS: Inst = ['电感耦合等离子体质谱仪', [['7900 ICP-MS', '安捷伦'], ['iCAP RQ', '赛默飞'], ['NexION 2000', '珀金埃尔默']]];

const DISCIPLINES: Record<string, Template[]> = {
  chemistry: [
    t('有机小分子结构鉴定（高分辨质谱）', 'analysis', LCMS, [400, 900], 'sample', [3, 7]),
    t('挥发性有机物定性定量分析', 'analysis', GCMS, [300, 600], 'sample', [3, 5]),
    t('核磁共振氢谱/碳谱测试', 'testing', ['核磁共振波谱仪', [['AVANCE NEO 600', '布鲁克'], ['JNM-ECZ400S', '日本电子']]], [200, 500], 'sample', [2, 5]),
    t('红外光谱官能团分析', 'analysis', ['傅里叶变换红外光谱仪', [['Nicolet iS50', '赛默飞'], ['INVENIO S', '布鲁克']]], [80, 200], 'sample', [1, 3]),
    t('痕量元素含量测定', 'analysis', ICPMS, [150, 400], 'sample', [3, 7]),
    t('表面元素化学态分析（XPS）', 'analysis', ['X射线光电子能谱仪', [['ESCALAB 250Xi', '赛默飞'], ['AXIS Supra+', '岛津-Kratos']]], [600, 1200], 'sample', [5, 10]),
  ],
  materials: [
    t('场发射扫描电镜形貌观察', 'testing', ['场发射扫描电子显微镜', [['SU8020', '日立'], ['Gemini 500', '蔡司'], ['Apreo 2', '赛默飞']]], [300, 800], 'hour', [2, 5]),
    t('透射电镜微结构表征', 'analysis', ['透射电子显微镜', [['Talos F200X', '赛默飞'], ['JEM-F200', '日本电子']]], [1200, 2500], 'hour', [5, 12]),
    t('X射线衍射物相分析', 'analysis', ['X射线衍射仪', [['D8 Advance', '布鲁克'], ['SmartLab', '理学']]], [150, 400], 'sample', [2, 5]),
    t('热重-差示扫描量热同步分析', 'testing', ['同步热分析仪', [['STA 449 F3', '耐驰'], ['TGA/DSC 3+', '梅特勒-托利多']]], [200, 500], 'sample', [3, 6]),
    t('材料拉伸压缩弯曲力学性能测试', 'testing', ['万能材料试验机', [['5982', '英斯特朗'], ['Z100', '兹韦克']]], [150, 450], 'sample', [3, 7]),
    t('新材料配方与制备工艺联合研发', 'rnd', null, [30000, 120000], 'project', [30, 90]),
  ],
  building: [
    t('水泥物理性能检验', 'inspection', ['水泥胶砂强度试验机', [['YAW-300C', '无锡建仪'], ['TYE-300D', '建筑仪器厂']]], [300, 800], 'sample', [28, 30]),
    t('建筑材料进场复验（强制检测）', 'inspection', ['压力试验机', [['YAW-3000', '济南试金'], ['TYA-2000', '无锡建仪']]], [200, 600], 'sample', [7, 28], { statutory: true }),
    t('建筑材料燃烧性能等级检验', 'inspection', ['建筑材料不燃性试验炉', [['JCB-2', '南京上元'], ['FTT0022', '英国FTT']]], [3000, 8000], 'item', [15, 30]),
    t('玻璃光学及热工性能测试', 'testing', ['紫外可见近红外分光光度计', [['Lambda 1050+', '珀金埃尔默'], ['UV-3600i Plus', '岛津']]], [500, 1500], 'sample', [5, 10]),
    t('保温材料导热系数测试', 'testing', ['热流计法导热仪', [['HFM 446', '耐驰'], ['FOX 314', 'TA仪器']]], [400, 900], 'sample', [5, 10]),
    t('室内空气质量检测（法定）', 'inspection', GCMS, [800, 2000], 'item', [5, 10], { statutory: true }),
  ],
  biology: [
    t('流式细胞分析', 'analysis', ['流式细胞仪', [['FACSCelesta', 'BD'], ['CytoFLEX S', '贝克曼库尔特']]], [150, 400], 'hour', [1, 3]),
    t('激光共聚焦显微成像', 'testing', ['激光扫描共聚焦显微镜', [['STELLARIS 5', '徕卡'], ['LSM 980', '蔡司']]], [300, 700], 'hour', [1, 3]),
    t('实时荧光定量PCR检测', 'testing', ['实时荧光定量PCR仪', [['CFX96 Touch', '伯乐'], ['QuantStudio 5', '赛默飞']]], [60, 180], 'sample', [2, 5]),
    t('高通量测序', 'analysis', ['高通量测序仪', [['NovaSeq 6000', 'Illumina'], ['DNBSEQ-T7', '华大智造']]], [600, 2500], 'sample', [10, 20]),
    t('蛋白质组学质谱分析', 'analysis', ['轨道阱高分辨质谱仪', [['Orbitrap Exploris 480', '赛默飞'], ['timsTOF Pro 2', '布鲁克']]], [1500, 4000], 'sample', [10, 20]),
    t('细胞模型构建与药效评价研发', 'rnd', null, [20000, 80000], 'project', [30, 60]),
  ],
  agriculture: [
    t('农产品农药残留检测', 'testing', GCMS, [300, 900], 'sample', [3, 7]),
    t('土壤重金属含量检测', 'testing', ['电感耦合等离子体发射光谱仪', [['Avio 550 Max', '珀金埃尔默'], ['ICPE-9820', '岛津']]], [150, 400], 'sample', [5, 10]),
    t('食品营养成分（氨基酸）分析', 'analysis', ['全自动氨基酸分析仪', [['LA8080', '日立'], ['Biochrom 30+', '百康']]], [300, 600], 'sample', [5, 10]),
    t('饲料质量检验', 'inspection', ['近红外谷物分析仪', [['DA 7250', '波通'], ['Infratec Nova', '福斯']]], [200, 500], 'sample', [3, 7]),
    t('农产品质量安全监督检验（法定）', 'inspection', LCMS, [500, 1500], 'sample', [7, 15], { statutory: true }),
    t('设施农业品种选育与栽培技术研发', 'rnd', null, [20000, 60000], 'project', [60, 120]),
  ],
  electronics: [
    t('半导体器件参数测试', 'testing', ['半导体参数分析仪', [['B1500A', '是德科技'], ['4200A-SCS', '泰克-吉时利']]], [300, 800], 'hour', [2, 5]),
    t('电磁兼容（EMC）预测试', 'testing', ['电磁兼容测试接收机', [['ESW26', '罗德与施瓦茨'], ['N9038B', '是德科技']]], [800, 2000], 'hour', [3, 7]),
    t('高低温湿热可靠性试验', 'testing', ['高低温湿热试验箱', [['PL-3KPH', '爱斯佩克'], ['VT 4060', '伟思富奇']]], [60, 150], 'hour', [7, 21]),
    t('芯片失效分析（FIB切片）', 'analysis', ['聚焦离子束电镜', [['Helios 5 UX', '赛默飞'], ['Crossbeam 550', '蔡司']]], [1500, 3500], 'hour', [5, 10]),
    t('射频器件S参数测试', 'testing', ['矢量网络分析仪', [['PNA-X N5247B', '是德科技'], ['ZNA43', '罗德与施瓦茨']]], [400, 1000], 'hour', [2, 5]),
    t('集成电路设计与流片验证研发', 'rnd', null, [50000, 200000], 'project', [60, 180]),
  ],
  mechanical: [
    t('精密零件三坐标测量', 'testing', ['三坐标测量机', [['CONTURA G2', '蔡司'], ['Global S', '海克斯康']]], [200, 500], 'hour', [2, 5]),
    t('金属材料疲劳性能测试', 'testing', ['电液伺服疲劳试验机', [['MTS 810', 'MTS'], ['8801', '英斯特朗']]], [300, 800], 'hour', [7, 20]),
    t('金属3D打印快速成型研发', 'rnd', ['金属3D打印机', [['EOS M 290', 'EOS'], ['BLT-S310', '铂力特']]], [800, 2000], 'hour', [7, 15]),
    t('工业CT无损检测', 'inspection', ['工业CT', [['FF35 CT', '依科视朗'], ['phoenix v|tome|x m', '贝克休斯']]], [600, 1500], 'hour', [3, 7]),
    t('振动与冲击环境试验', 'testing', ['电动振动试验系统', [['DC-3200', '苏试试验'], ['V875', 'LDS']]], [500, 1200], 'hour', [3, 10]),
    t('特种设备定期检验（法定）', 'inspection', null, [1000, 3000], 'item', [5, 15], { statutory: true }),
  ],
  environment: [
    t('水质重金属及总有机碳分析', 'analysis', ['总有机碳分析仪', [['TOC-L CPH', '岛津'], ['multi N/C 3100', '耶拿']]], [150, 400], 'sample', [3, 7]),
    t('环境空气VOCs组分检测', 'testing', GCMS, [500, 1200], 'sample', [5, 10]),
    t('大气颗粒物成分溯源分析', 'analysis', ICPMS, [800, 2000], 'sample', [7, 15]),
    t('排污单位环境监测（法定）', 'inspection', null, [2000, 6000], 'item', [7, 15], { statutory: true }),
    t('污水处理与资源化工艺研发', 'rnd', null, [30000, 100000], 'project', [60, 120]),
  ],
  energy: [
    t('锂离子电池充放电循环测试', 'testing', ['电池充放电测试系统', [['BTS-4000', '新威'], ['CT-4008', '蓝电']]], [20, 60], 'day', [14, 60]),
    t('动力电池安全滥用测试', 'testing', ['电池针刺挤压试验机', [['BE-6045', '贝尔'], ['HD-H205', '海达']]], [2000, 5000], 'item', [7, 15]),
    t('光伏组件I-V特性测试', 'testing', ['太阳模拟器', [['3c Highlight', 'Pasan'], ['SS-F5', 'Enlitech']]], [300, 800], 'item', [3, 7]),
    t('燃料电池电堆性能测试', 'testing', ['燃料电池测试台', [['G60', 'Greenlight'], ['FCT-150', '大连锐格']]], [800, 2000], 'hour', [5, 10]),
    t('储能系统集成与能量管理研发', 'rnd', null, [40000, 150000], 'project', [60, 150]),
  ],
  physics: [
    t('低温强磁场电输运测量', 'testing', ['综合物性测量系统', [['PPMS DynaCool', 'Quantum Design'], ['CFMS', 'Cryogenic']]], [500, 1200], 'hour', [3, 10]),
    t('磁学性质测量（SQUID）', 'testing', ['超导量子干涉磁强计', [['MPMS3', 'Quantum Design']]], [600, 1300], 'hour', [3, 10]),
    t('激光拉曼光谱分析', 'analysis', ['显微共焦拉曼光谱仪', [['LabRAM HR Evolution', '堀场'], ['inVia Qontor', '雷尼绍']]], [200, 500], 'sample', [2, 5]),
    t('原子力显微镜表面形貌测试', 'testing', ['原子力显微镜', [['Dimension Icon', '布鲁克'], ['Cypher ES', '牛津仪器']]], [300, 700], 'hour', [2, 5]),
    t('超快激光光谱测试', 'analysis', ['飞秒激光放大系统', [['Astrella', '相干'], ['Solstice Ace', '光谱物理']]], [800, 1800], 'hour', [5, 10]),
  ],
  pharma: [
    t('药物代谢动力学样品分析（LC-MS/MS）', 'analysis', ['三重四极杆液质联用仪', [['Triple Quad 6500+', 'SCIEX'], ['Xevo TQ-XS', '沃特世']]], [300, 800], 'sample', [7, 15]),
    t('药物有关物质与杂质分析', 'analysis', ['高效液相色谱仪', [['ACQUITY Arc', '沃特世'], ['1260 Infinity II', '安捷伦']]], [200, 600], 'sample', [5, 10]),
    t('医疗器械生物相容性测试', 'testing', ['二氧化碳细胞培养箱', [['Heracell VIOS 160i', '赛默飞'], ['MCO-170AICUV', '普和希']]], [3000, 9000], 'item', [20, 45]),
    t('药品注册检验（法定）', 'inspection', LCMS, [5000, 15000], 'item', [30, 60], { statutory: true }),
    t('制剂处方与工艺开发', 'rnd', null, [50000, 150000], 'project', [60, 120]),
  ],
  computing: [
    t('大模型训练算力（A800）', 'compute', ['GPU训练集群', [['A800 80GB 八卡节点', '浪潮'], ['A800 80GB 八卡节点', '新华三']]], [12, 18], 'card_hour', [1, 3], { gpu: ['NVIDIA A800 80GB', [8, 16, 32, 64]] }),
    t('大模型训练算力（昇腾910B）', 'compute', ['昇腾AI计算集群', [['Atlas 800T A2', '华为']]], [8, 14], 'card_hour', [1, 3], { gpu: ['昇腾 910B 64GB', [8, 16, 32, 128]] }),
    t('分布式多机多卡训练（H800）', 'compute', ['GPU训练集群', [['H800 80GB 八卡节点', '浪潮'], ['H800 80GB 八卡节点', '超聚变']]], [20, 32], 'card_hour', [1, 5], { gpu: ['NVIDIA H800 80GB', [16, 32, 64, 128]] }),
    t('模型推理与微调算力（L40S）', 'compute', ['GPU推理服务器', [['L40S 48GB 四卡服务器', '联想'], ['L40S 48GB 八卡服务器', '戴尔']]], [5, 9], 'card_hour', [1, 2], { gpu: ['NVIDIA L40S 48GB', [4, 8]] }),
    t('AI模型训练调优技术服务', 'rnd', null, [20000, 80000], 'project', [15, 45]),
  ],
  software: [
    t('软件产品功能与性能测试', 'testing', ['性能测试平台', [['LoadRunner 2023', 'OpenText']]], [3000, 10000], 'item', [10, 20]),
    t('信息系统安全渗透测试', 'testing', null, [8000, 20000], 'item', [10, 20]),
    t('人机交互与用户体验测试', 'testing', ['眼动追踪系统', [['Tobii Pro Spectrum', 'Tobii'], ['EyeLink 1000 Plus', 'SR Research']]], [400, 1000], 'hour', [5, 10]),
    t('工业设计与产品原型研发', 'rnd', ['工业级3D打印机', [['Objet500 Connex3', 'Stratasys'], ['Form 3L', 'Formlabs']]], [15000, 60000], 'project', [30, 60]),
    t('嵌入式软件可靠性测评', 'testing', null, [5000, 15000], 'item', [10, 25]),
  ],
};

type LabRow = [name: string, level: LabLevel, fields: PriorityField[], discipline: keyof typeof DISCIPLINES];
interface UnitRow {
  name: string;
  kind: OpenUnitKind;
  district: string;
  region: Region;
  recognised?: boolean;
  phone: string;
  labs: LabRow[];
}

const IT = 'new_generation_it';
const MED = 'medicine_health';
const MFG = 'intelligent_manufacturing';
const MAT = 'new_materials';
const GREEN = 'green_energy_environmental';

export const UNIT_TABLE: UnitRow[] = [
  { name: '中国科学院化学研究所', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-6256', labs: [
    ['分子科学公共技术中心', 'other', [MAT, MED], 'chemistry'],
    ['高分子物理与化学国家重点实验室', 'national_key_lab', [MAT], 'materials'],
    ['有机固体重点实验室', 'national_key_lab', [MAT, IT], 'chemistry'],
  ] },
  { name: '中国科学院物理研究所', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-8264', labs: [
    ['超导国家重点实验室', 'national_key_lab', [MAT], 'physics'],
    ['清洁能源实验室', 'municipal_key_lab', [GREEN, MAT], 'energy'],
    ['微加工实验室', 'other', [IT, MAT], 'electronics'],
  ] },
  { name: '中国科学院计算技术研究所', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-6260', labs: [
    ['处理器芯片国家重点实验室', 'national_key_lab', [IT], 'electronics'],
    ['智能计算平台', 'other', [IT], 'computing'],
  ] },
  { name: '中国科学院自动化研究所', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-8254', labs: [
    ['多模态人工智能系统全国重点实验室', 'national_key_lab', [IT], 'computing'],
    ['智能机器人工程技术研究中心', 'engineering_research_centre', [MFG, IT], 'mechanical'],
  ] },
  { name: '中国科学院理化技术研究所', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-8254', labs: [
    ['低温工程学重点实验室', 'municipal_key_lab', [MFG, GREEN], 'physics'],
    ['光化学转换与功能材料重点实验室', 'municipal_key_lab', [MAT, GREEN], 'chemistry'],
  ] },
  { name: '中国科学院微生物研究所', kind: 'institute', district: '朝阳区', region: 'beijing', phone: '010-6480', labs: [
    ['微生物资源前期开发国家重点实验室', 'national_key_lab', [MED], 'biology'],
    ['公共技术服务中心', 'other', [MED, GREEN], 'biology'],
  ] },
  { name: '中国科学院生态环境研究中心', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-6291', labs: [
    ['环境化学与生态毒理学国家重点实验室', 'national_key_lab', [GREEN], 'environment'],
    ['水污染控制工程技术研究中心', 'engineering_research_centre', [GREEN], 'environment'],
  ] },
  { name: '清华大学', kind: 'university', district: '海淀区', region: 'beijing', phone: '010-6278', labs: [
    ['分析中心', 'other', [MAT, MED], 'chemistry'],
    ['新型陶瓷与精细工艺国家重点实验室', 'national_key_lab', [MAT], 'materials'],
    ['汽车安全与节能国家重点实验室', 'national_key_lab', [MFG, GREEN], 'energy'],
    ['精密测试技术及仪器国家重点实验室', 'national_key_lab', [MFG], 'mechanical'],
    ['清华大学高性能计算公共平台', 'other', [IT], 'computing'],
  ] },
  { name: '北京大学', kind: 'university', district: '海淀区', region: 'beijing', phone: '010-6275', labs: [
    ['分析测试中心', 'other', [MAT, MED], 'chemistry'],
    ['蛋白质与植物基因研究国家重点实验室', 'national_key_lab', [MED], 'biology'],
    ['人工微结构和介观物理国家重点实验室', 'national_key_lab', [MAT, IT], 'physics'],
    ['天然药物及仿生药物国家重点实验室', 'national_key_lab', [MED], 'pharma'],
  ] },
  { name: '中国建筑材料科学研究总院', kind: 'institute', district: '朝阳区', region: 'beijing', phone: '010-5116', labs: [
    ['绿色建筑材料国家重点实验室', 'national_key_lab', [MAT, GREEN], 'building'],
    ['特种玻璃与光学材料工程技术研究中心', 'engineering_research_centre', [MAT], 'materials'],
  ] },
  { name: '中国建材检验认证集团股份有限公司', kind: 'enterprise', district: '朝阳区', region: 'beijing', phone: '010-5116', labs: [
    ['国家建筑材料测试中心', 'other', [MAT], 'building'],
    ['国家安全玻璃及石英玻璃质量监督检验中心', 'other', [MAT], 'building'],
    ['建筑节能检测实验室', 'other', [GREEN, MAT], 'building'],
  ] },
  { name: '北京市农林科学院', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-5150', labs: [
    ['农产品质量安全检测中心', 'other', [MED], 'agriculture'],
    ['北京市蔬菜种质改良重点实验室', 'municipal_key_lab', [MED, GREEN], 'agriculture'],
    ['北京农业生物技术研究中心', 'engineering_research_centre', [MED], 'biology'],
  ] },
  { name: '北京市科学技术研究院', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-6844', labs: [
    ['分析测试研究所测试中心', 'other', [MAT, MED], 'chemistry'],
    ['城市安全与环境科学研究所实验室', 'municipal_key_lab', [GREEN], 'environment'],
    ['北京市新材料技术研究所', 'municipal_key_lab', [MAT], 'materials'],
    ['辐射技术研究所', 'other', [MAT, MED], 'physics'],
  ] },
  { name: '北京工业大学', kind: 'university', district: '朝阳区', region: 'beijing', phone: '010-6739', labs: [
    ['先进制造技术北京市重点实验室', 'municipal_key_lab', [MFG], 'mechanical'],
    ['固体微结构与性能北京市重点实验室', 'municipal_key_lab', [MAT], 'materials'],
    ['北京工业设计创新中心', 'design_innovation_centre', [MFG, IT], 'software'],
  ] },
  { name: '北京航空航天大学', kind: 'university', district: '海淀区', region: 'beijing', phone: '010-8231', labs: [
    ['可靠性与环境工程技术重点实验室', 'national_key_lab', [MFG], 'mechanical'],
    ['软件开发环境国家重点实验室', 'national_key_lab', [IT], 'software'],
    ['电磁兼容实验室', 'other', [IT, MFG], 'electronics'],
  ] },
  { name: '北京理工大学', kind: 'university', district: '海淀区', region: 'beijing', phone: '010-6891', labs: [
    ['电动车辆国家工程研究中心', 'engineering_research_centre', [GREEN, MFG], 'energy'],
    ['分析测试中心', 'other', [MAT], 'chemistry'],
  ] },
  { name: '中国农业大学', kind: 'university', district: '海淀区', region: 'beijing', phone: '010-6273', labs: [
    ['农业生物技术国家重点实验室', 'national_key_lab', [MED], 'biology'],
    ['食品质量与安全北京实验室', 'municipal_key_lab', [MED], 'agriculture'],
  ] },
  { name: '北京化工大学', kind: 'university', district: '朝阳区', region: 'beijing', phone: '010-6443', labs: [
    ['化工资源有效利用国家重点实验室', 'national_key_lab', [MAT, GREEN], 'chemistry'],
    ['有机无机复合材料国家重点实验室', 'national_key_lab', [MAT], 'materials'],
  ] },
  { name: '北京市医药科研检测中心', kind: 'institute', district: '大兴区', region: 'beijing', phone: '010-6021', labs: [
    ['药物分析实验室', 'other', [MED], 'pharma'],
    ['医疗器械检测实验室', 'other', [MED, MFG], 'pharma'],
  ] },
  { name: '北京智源人工智能研究院', kind: 'institute', district: '海淀区', region: 'beijing', phone: '010-5099', labs: [
    ['大模型开放算力平台', 'other', [IT], 'computing'],
    ['智能系统评测实验室', 'other', [IT], 'software'],
  ] },
  { name: '北京超级云计算中心', kind: 'enterprise', district: '怀柔区', region: 'beijing', phone: '010-6966', labs: [
    ['AI训练算力中心', 'other', [IT], 'computing'],
    ['科学计算服务平台', 'other', [IT, MAT], 'computing'],
  ] },
  { name: '北京电子科技研究院检测中心', kind: 'enterprise', district: '经济技术开发区', region: 'beijing', phone: '010-6786', labs: [
    ['集成电路测试实验室', 'other', [IT], 'electronics'],
    ['可靠性试验室', 'other', [IT, MFG], 'electronics'],
  ] },
  { name: '天津大学', kind: 'university', district: '南开区', region: 'tianjin', recognised: true, phone: '022-2740', labs: [
    ['精密测试技术及仪器国家重点实验室（天津）', 'national_key_lab', [MFG], 'mechanical'],
    ['化学工程联合国家重点实验室', 'national_key_lab', [MAT, GREEN], 'chemistry'],
  ] },
  { name: '南开大学', kind: 'university', district: '南开区', region: 'tianjin', recognised: true, phone: '022-2350', labs: [
    ['元素有机化学国家重点实验室', 'national_key_lab', [MED, MAT], 'pharma'],
    ['先进能源材料化学教育部重点实验室', 'other', [GREEN, MAT], 'energy'],
  ] },
  { name: '国家超级计算天津中心', kind: 'institute', district: '滨海新区', region: 'tianjin', recognised: true, phone: '022-6537', labs: [
    ['天河人工智能算力平台', 'other', [IT], 'computing'],
  ] },
  { name: '河北大学', kind: 'university', district: '保定市', region: 'hebei', recognised: true, phone: '0312-507', labs: [
    ['河北省分析科学技术重点实验室', 'other', [MED, MAT], 'chemistry'],
    ['生命科学与绿色发展研究院实验室', 'other', [MED], 'biology'],
  ] },
  { name: '中国电子科技集团公司第十三研究所', kind: 'institute', district: '石家庄市', region: 'hebei', recognised: true, phone: '0311-870', labs: [
    ['半导体器件可靠性实验室', 'other', [IT], 'electronics'],
  ] },
  { name: '燕山大学', kind: 'university', district: '秦皇岛市', region: 'hebei', recognised: false, phone: '0335-805', labs: [
    ['亚稳材料制备技术与科学国家重点实验室', 'national_key_lab', [MAT], 'materials'],
  ] },
];

// ---------------------------------------------------------------------------------------------------
// Generator

export interface UnitPlan {
  id: string;
  profile: UnitProfile;
}
export interface LabPlan {
  id: string;
  unitId: string;
  input: LabInput;
}
export interface ServicePlan {
  id: string;
  unitId: string;
  input: ServiceInput;
}
export interface CataloguePlan {
  units: UnitPlan[];
  labs: LabPlan[];
  services: ServicePlan[];
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: () => number, [lo, hi]: [number, number]) => lo + Math.floor(r() * (hi - lo + 1));

/** Yuan → fen, rounded to a price a lab would print: 10 yuan steps, 0.5 yuan for card-hours. */
function priceFen(r: () => number, tpl: Template): number {
  const yuan = tpl.price[0] + r() * (tpl.price[1] - tpl.price[0]);
  const step = tpl.unit === 'card_hour' ? 0.5 : yuan >= 10_000 ? 1_000 : 10;
  return Math.round(Math.round(yuan / step) * step * 100);
}

/**
 * The whole demo catalogue as plain data, from the tables. `suffix` makes distinct copies (the
 * benchmark loads many); every id and number depends only on names, so the plan is deterministic.
 */
export function buildCataloguePlan(suffix = ''): CataloguePlan {
  const plan: CataloguePlan = { units: [], labs: [], services: [] };
  for (const u of UNIT_TABLE) {
    const name = `${u.name}${suffix}`;
    const unitId = stableId('ou', name);
    const r = seededRandom(name);
    plan.units.push({
      id: unitId,
      profile: {
        name,
        kind: u.kind,
        district: u.district,
        region: u.region,
        mutualRecognition: u.region !== 'beijing' && (u.recognised ?? false),
        contact: { name: `${pick(r, ['王', '李', '张', '刘', '陈', '杨', '赵'])}老师`, phone: `${u.phone}${String(between(r, [1000, 9999]))}`, email: null },
        description: null,
      },
    });
    for (const [labName, level, fields, discipline] of u.labs) {
      const labKey = `${name}/${labName}`;
      const labId = stableId('lb', labKey);
      plan.labs.push({ id: labId, unitId, input: { name: labName, level, fields, description: null } });
      const templates = DISCIPLINES[discipline]!;
      const lr = seededRandom(labKey);
      // Every lab offers its discipline's services but one in six labs leaves one out, for variety.
      const skip = lr() < 1 / 6 ? Math.floor(lr() * templates.length) : -1;
      templates.forEach((tpl, i) => {
        if (i === skip) return;
        const key = `${labKey}/${tpl.name}`;
        const sr = seededRandom(key);
        const [model, maker] = tpl.inst ? pick(sr, tpl.inst[1]) : [null, null];
        const instrument = tpl.inst ? { name: tpl.inst[0], model, maker } : null;
        plan.services.push({
          id: stableId('sv', key),
          unitId,
          input: {
            labId,
            name: tpl.name,
            category: tpl.category,
            instrument,
            description: `${labName}${instrument ? `依托${instrument.name}` : ''}提供${tpl.name}服务，面向科技型中小企业和创业团队开放。`,
            priceFen: priceFen(sr, tpl),
            priceUnit: tpl.unit,
            leadTimeDays: between(sr, tpl.days),
            statutory: tpl.statutory ?? false,
            compute: tpl.gpu ? { gpuModel: tpl.gpu[0], cards: pick(sr, tpl.gpu[1]) } : null,
          },
        });
      });
    }
  }
  return plan;
}

export interface SeedCounts {
  units: number;
  labs: number;
  services: number;
}

/**
 * Adds whatever of the plan is missing (by id): a second run adds nothing. A unit whose name is taken by
 * a unit with another id (made by hand) is left alone, with its labs and services.
 */
export async function seedCatalogue(services: Services, plan = buildCataloguePlan()): Promise<SeedCounts> {
  const { openUnits, catalogue } = services;
  const added: SeedCounts = { units: 0, labs: 0, services: 0 };
  const skipped = new Set<string>();
  for (const u of plan.units) {
    if (await openUnits.get(u.id)) continue;
    try {
      await openUnits.add(u.profile, u.id);
      added.units += 1;
    } catch (err) {
      if ((err as { code?: string }).code !== 'DUPLICATE') throw err;
      skipped.add(u.id);
    }
  }
  for (const l of plan.labs) {
    if (skipped.has(l.unitId) || (await catalogue.labs.findById(l.id))) continue;
    await catalogue.addLab(l.unitId, l.input, l.id);
    added.labs += 1;
  }
  for (const s of plan.services) {
    if (skipped.has(s.unitId) || (await catalogue.services.findById(s.id))) continue;
    await catalogue.addService(s.unitId, s.input, s.id);
    added.services += 1;
  }
  return added;
}
