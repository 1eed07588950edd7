// Realistic Chinese personal and company names.
import { type Rng } from './random';

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72],
  ['李', 72],
  ['张', 68],
  ['刘', 55],
  ['陈', 46],
  ['杨', 32],
  ['黄', 24],
  ['赵', 22],
  ['吴', 21],
  ['周', 20],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 12],
  ['郭', 12],
  ['何', 11],
  ['高', 11],
  ['林', 11],
  ['罗', 10],
  ['郑', 10],
  ['梁', 9],
  ['谢', 8],
  ['宋', 8],
  ['唐', 8],
  ['许', 7],
  ['韩', 7],
  ['冯', 7],
  ['邓', 7],
  ['曹', 7],
  ['彭', 6],
  ['曾', 6],
  ['肖', 6],
  ['田', 6],
  ['董', 5],
  ['袁', 5],
  ['潘', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['余', 5],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 4],
  ['姚', 4],
  ['卢', 3],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['欧阳', 1],
  ['司马', 0.3],
  ['上官', 0.3],
];
const MALE = [...'伟强磊军洋勇杰涛明超斌鹏辉华刚建国志宏俊峰浩然宇轩子豪博文天佑嘉诚晨阳家乐思远'];
const FEMALE = [...'芳娜敏静丽艳娟霞燕玲桂英红梅琳雪婷欣怡佳琪雨萱梓涵诗晴子怡慧颖晓雯思彤'];

export function personName(rng: Rng, male: boolean): string {
  const chars = male ? MALE : FEMALE;
  const given = rng.chance(0.7) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
  return rng.weighted(SURNAMES) + given;
}

const TRADE_NAMES = [...'华鑫瑞博创恒泰达宏盛嘉禾智远云启星辰汇通中科锦程新越卓凡正合明德天成晟源'];
const INDUSTRIES = [
  '科技',
  '网络科技',
  '贸易',
  '餐饮管理',
  '文化传媒',
  '企业管理咨询',
  '电子商务',
  '医疗器械',
  '教育科技',
  '建筑设计',
  '供应链管理',
  '信息技术',
];

export function companyName(rng: Rng, city: string): string {
  const trade = rng.pick(TRADE_NAMES) + rng.pick(TRADE_NAMES);
  return `${city}${trade}${rng.pick(INDUSTRIES)}有限公司`;
}

const SUPPLIER_KINDS = [
  '机电设备工程',
  '电梯工程',
  '消防工程',
  '建筑装饰工程',
  '水电安装工程',
  '环境科技',
  '园林绿化工程',
  '防水工程',
];

export function supplierName(rng: Rng, city: string, index: number): string {
  const kind = SUPPLIER_KINDS[index % SUPPLIER_KINDS.length] ?? '工程';
  return `${city}${rng.pick(TRADE_NAMES)}${rng.pick(TRADE_NAMES)}${kind}有限公司`;
}
