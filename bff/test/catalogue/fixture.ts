/** A small catalogue with known answers, built through the domain (so the copies are the real ones). */
import type { ServiceInput } from '../../src/domain/catalogue';
import type { Services } from '../../src/domain/services';

export interface Fixture {
  units: Record<'analysis' | 'tianjin' | 'hebei' | 'massSpec', string>;
  labs: Record<'ms' | 'materials' | 'compute' | 'software' | 'general', string>;
  /** Service ids by short name. */
  s: Record<'lcms' | 'imaging' | 'xrd' | 'statutory' | 'gpu' | 'cpp' | 'element' | 'icp', string>;
}

const svc = (labId: string, over: Partial<ServiceInput>): ServiceInput => ({
  labId,
  name: '服务',
  category: 'analysis',
  instrument: null,
  description: '',
  priceFen: 10_000,
  priceUnit: 'sample',
  leadTimeDays: 5,
  statutory: false,
  compute: null,
  ...over,
});

export async function buildFixture(services: Services): Promise<Fixture> {
  const { openUnits, catalogue } = services;
  const contact = null;
  const description = null;
  const analysis = await openUnits.add({ name: '北京分析测试研究院', kind: 'institute', district: '海淀区', region: 'beijing', mutualRecognition: false, contact, description });
  const tianjin = await openUnits.add({ name: '天津超算科技有限公司', kind: 'enterprise', district: '滨海新区', region: 'tianjin', mutualRecognition: true, contact, description });
  const hebei = await openUnits.add({ name: '河北软件评测中心', kind: 'enterprise', district: '保定市', region: 'hebei', mutualRecognition: false, contact, description });
  const massSpec = await openUnits.add({ name: '质谱仪器开放中心', kind: 'institute', district: '朝阳区', region: 'beijing', mutualRecognition: false, contact, description });

  const lab = (unitId: string, name: string, fields: Parameters<typeof catalogue.addLab>[1]['fields']) =>
    catalogue.addLab(unitId, { name, level: 'municipal_key_lab', fields, description: null }).then((l) => l._id);
  const ms = await lab(analysis._id, '质谱分析实验室', ['medicine_health']);
  const materials = await lab(analysis._id, '材料表征实验室', ['new_materials']);
  const compute = await lab(tianjin._id, '人工智能算力平台', ['new_generation_it']);
  const software = await lab(hebei._id, '软件测评实验室', ['new_generation_it']);
  const general = await lab(massSpec._id, '通用实验室', ['new_materials', 'medicine_health']);

  const add = (unitId: string, input: ServiceInput) => catalogue.addService(unitId, input).then((s) => s._id);
  const s = {
    // 质谱 in the instrument name: tier 2.
    lcms: await add(analysis._id, svc(ms, { name: '有机物结构鉴定', instrument: { name: '液相色谱-质谱联用仪', model: '6545 Q-TOF', maker: '安捷伦' }, priceFen: 50_000 })),
    // 质谱 in the service name: tier 1.
    imaging: await add(analysis._id, svc(ms, { name: '质谱成像分析', instrument: { name: '飞行时间成像系统', model: 'rapifleX', maker: '布鲁克' }, priceFen: 120_000 })),
    // 质谱 only in the lab name: tier 3.
    icp: await add(analysis._id, svc(ms, { name: 'ICP元素含量测定', instrument: { name: '电感耦合等离子体发射光谱仪', model: 'Avio 550', maker: '珀金埃尔默' }, priceFen: 30_000 })),
    xrd: await add(analysis._id, svc(materials, { name: 'X射线衍射物相分析', instrument: { name: 'X射线衍射仪', model: 'D8 Advance', maker: '布鲁克' }, priceFen: 30_000 })),
    statutory: await add(analysis._id, svc(materials, { name: '建筑材料进场复验（强制检测）', category: 'inspection', statutory: true, priceFen: 20_000 })),
    gpu: await add(tianjin._id, svc(compute, { name: '大模型训练算力（A800）', category: 'compute', instrument: { name: 'GPU训练集群', model: 'A800 八卡节点', maker: '浪潮' }, priceFen: 1_500, priceUnit: 'card_hour', leadTimeDays: 1, compute: { gpuModel: 'NVIDIA A800 80GB', cards: 64 } })),
    cpp: await add(hebei._id, svc(software, { name: 'C++ 代码审计 (v1.0)', category: 'testing', priceFen: 800_000, priceUnit: 'item' })),
    // 质谱 only in the unit name: tier 4.
    element: await add(massSpec._id, svc(general, { name: '元素分析', priceFen: 8_000 })),
  };
  return {
    units: { analysis: analysis._id, tianjin: tianjin._id, hebei: hebei._id, massSpec: massSpec._id },
    labs: { ms, materials, compute, software, general },
    s,
  };
}
