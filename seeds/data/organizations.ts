/**
 * Seed organizations. Universities and institutes are real (their names are
 * public facts); every enterprise and intermediary is fictional.
 */
import type { SeedOrganization } from "../types";

export const organizations: SeedOrganization[] = [
  // ---- 北京：高校与科研院所 ----
  { key: "tsinghua", kind: "university", name: "清华大学", regionCode: "110108", partyType: "022", intro: "综合性研究型大学，在机械、材料、能源与信息领域拥有大量可转化成果。" },
  { key: "pku", kind: "university", name: "北京大学", regionCode: "110108", partyType: "022", intro: "综合性研究型大学，在化学、生命科学与医学等方向成果积累深厚。" },
  { key: "bit", kind: "university", name: "北京理工大学", regionCode: "110108", partyType: "022", intro: "以理工见长的研究型大学，机器人、智能装备与材料方向特色鲜明。" },
  { key: "buaa", kind: "university", name: "北京航空航天大学", regionCode: "110108", partyType: "022", intro: "航空航天特色研究型大学，增材制造与可靠性技术积累丰富。" },
  { key: "ustb", kind: "university", name: "北京科技大学", regionCode: "110108", partyType: "022", intro: "以冶金、材料与矿业为特色的研究型大学，钢铁材料与成形技术领先。" },
  { key: "buct", kind: "university", name: "北京化工大学", regionCode: "110105", partyType: "022", intro: "以化工、高分子材料为特色的高校，长期服务石化与橡塑行业。" },
  { key: "bjut", kind: "university", name: "北京工业大学", regionCode: "110105", partyType: "022", intro: "市属重点大学，在激光加工、焊接与环境工程方向成果丰富。" },
  { key: "cau", kind: "university", name: "中国农业大学", regionCode: "110108", partyType: "022", intro: "农业领域研究型大学，覆盖作物、畜牧、农业工程与食品科学。" },
  { key: "bjtu", kind: "university", name: "北京交通大学", regionCode: "110108", partyType: "022", intro: "以轨道交通与信息技术为特色的研究型大学。" },
  { key: "bupt", kind: "university", name: "北京邮电大学", regionCode: "110108", partyType: "022", intro: "信息与通信领域特色高校，物联网与人工智能成果众多。" },
  { key: "cup-bj", kind: "university", name: "中国石油大学（北京）", regionCode: "110114", partyType: "022", intro: "石油石化特色高校，油气开采、储运与炼化技术积累深厚。" },
  { key: "ncepu", kind: "university", name: "华北电力大学", regionCode: "110114", partyType: "022", intro: "以电力与能源为特色的高校，在新能源并网与节能方向优势明显。" },
  { key: "iccas", kind: "institute", name: "中国科学院化学研究所", regionCode: "110108", partyType: "021", intro: "从事化学基础与应用研究的国家级科研机构，高分子与功能材料成果突出。" },
  { key: "ipe-cas", kind: "institute", name: "中国科学院过程工程研究所", regionCode: "110108", partyType: "021", intro: "聚焦过程工程与资源环境的国家级科研机构，擅长工业废物资源化。" },
  { key: "caas", kind: "institute", name: "中国农业科学院", regionCode: "110108", partyType: "021", intro: "国家级农业科研机构，作物育种、植保与农业资源研究覆盖全面。" },
  { key: "baafs", kind: "institute", name: "北京市农林科学院", regionCode: "110108", partyType: "021", intro: "北京市属农业科研机构，设施农业、蔬菜与林果技术成果丰富。" },
  // ---- 天津：高校与科研院所 ----
  { key: "tju", kind: "university", name: "天津大学", regionCode: "120104", partyType: "022", intro: "工科见长的研究型大学，精密仪器、化工与建筑方向实力雄厚。" },
  { key: "nankai", kind: "university", name: "南开大学", regionCode: "120104", partyType: "022", intro: "综合性研究型大学，在化学、药学与环境科学方面成果突出。" },
  { key: "tiangong", kind: "university", name: "天津工业大学", regionCode: "120111", partyType: "022", intro: "以纺织、膜分离与复合材料为特色的工科大学。" },
  { key: "tust", kind: "university", name: "天津科技大学", regionCode: "120116", partyType: "022", intro: "以轻工、食品、海洋化工和包装技术为特色的高校。" },
  { key: "hebut", kind: "university", name: "河北工业大学", regionCode: "120113", partyType: "022", intro: "位于天津的河北省属重点大学，长期服务河北制造业转型升级。" },
  { key: "tjut", kind: "university", name: "天津理工大学", regionCode: "120111", partyType: "022", intro: "工科为主的高校，在功能材料、机器人与计算机视觉方向有特色。" },
  { key: "cauc", kind: "university", name: "中国民航大学", regionCode: "120110", partyType: "022", intro: "民航特色高校，航空器维修、适航与机场工程技术积累深厚。" },
  { key: "tjau", kind: "university", name: "天津农学院", regionCode: "120111", partyType: "022", intro: "农业特色高校，在水产、畜牧与盐碱地农业方面有应用成果。" },
  { key: "tib-cas", kind: "institute", name: "中国科学院天津工业生物技术研究所", regionCode: "120116", partyType: "021", intro: "工业生物技术国家级研究机构，专注生物制造与合成生物学。" },
  // ---- 河北：高校 ----
  { key: "hebau", kind: "university", name: "河北农业大学", regionCode: "130606", partyType: "022", intro: "河北省属农业大学，在枣树、小麦与畜牧技术推广方面经验丰富。" },
  { key: "ysu", kind: "university", name: "燕山大学", regionCode: "130302", partyType: "022", intro: "以重型机械与材料成形为特色的河北省属重点大学。" },

  // ---- 沧州企业（均为虚构） ----
  { key: "cz-yunheng-chem", kind: "enterprise", name: "沧州运衡精细化工有限公司", regionCode: "130903", partyType: "150", intro: "生产医药与农药中间体的精细化工企业，年产能约八千吨。" },
  { key: "cz-yunchang-heat", kind: "enterprise", name: "沧州运畅热力能源有限公司", regionCode: "130903", partyType: "110", intro: "承担主城区部分片区集中供热的国有热力企业。" },
  { key: "cz-xinkang-bio", kind: "enterprise", name: "沧州新康源生物医药有限公司", regionCode: "130902", partyType: "160", intro: "从事原料药、口服制剂与医用耗材研发生产的生物医药企业。" },
  { key: "cx-borun-chem", kind: "enterprise", name: "沧县渤润化工有限公司", regionCode: "130921", partyType: "170", intro: "生产塑料助剂与水处理剂的民营化工企业。" },
  { key: "cx-zaoyun-coop", kind: "enterprise", name: "沧县枣韵金丝小枣种植专业合作社", regionCode: "130921", partyType: "120", intro: "联合周边农户种植和加工金丝小枣的农民专业合作社。" },
  { key: "qx-jinchi-cabinet", kind: "enterprise", name: "青县锦驰电子机箱有限公司", regionCode: "130922", partyType: "150", intro: "生产通信机柜、服务器机箱与电气控制柜的钣金电子企业。" },
  { key: "dg-ruihe-pack", kind: "enterprise", name: "东光县瑞合纸箱包装机械有限公司", regionCode: "130923", partyType: "170", intro: "制造纸箱印刷开槽机、模切机与粘箱机的包装机械企业。" },
  { key: "hx-yanfeng-coop", kind: "enterprise", name: "海兴县盐丰盐碱地农业专业合作社", regionCode: "130924", partyType: "120", intro: "在滨海盐碱地上种植耐盐作物并养殖的农民专业合作社。" },
  { key: "hx-hairun-salt", kind: "enterprise", name: "海兴县海润盐化科技有限公司", regionCode: "130924", partyType: "150", intro: "以海盐与卤水为原料生产溴素及盐化工产品的企业。" },
  { key: "ys-lanheng-pipe", kind: "enterprise", name: "盐山县澜衡管道装备有限公司", regionCode: "130925", partyType: "150", intro: "生产油气输送用直缝与螺旋焊管及防腐管道的企业。" },
  { key: "ys-hongrui-flange", kind: "enterprise", name: "盐山县宏锐法兰锻造有限公司", regionCode: "130925", partyType: "170", intro: "专业锻造各类标准与非标法兰的民营企业。" },
  { key: "sn-qiuli-fur", kind: "enterprise", name: "肃宁县裘丽皮草制品有限公司", regionCode: "130926", partyType: "170", intro: "从事毛皮鞣制、染色及裘皮服装加工的企业。" },
  { key: "np-ruida-hardware", kind: "enterprise", name: "南皮县锐达五金电器有限公司", regionCode: "130927", partyType: "170", intro: "生产冲压五金件、电器开关零部件与接线端子的企业。" },
  { key: "wq-jiangu-fastener", kind: "enterprise", name: "吴桥县坚固紧固件新材料有限公司", regionCode: "130928", partyType: "150", intro: "生产高强度螺栓、异形紧固件并开发表面新材料涂层的企业。" },
  { key: "xx-fengyuan-feed", kind: "enterprise", name: "献县丰源饲料食品有限公司", regionCode: "130929", partyType: "160", intro: "生产畜禽配合饲料并兼营肉制品加工的农业产业化企业。" },
  { key: "mc-xinhong-fitting", kind: "enterprise", name: "孟村回族自治县鑫弘弯头管件有限公司", regionCode: "130930", partyType: "150", intro: "生产热推弯头、三通、异径管等管道管件的企业。" },
  { key: "bt-zhulian-casting", kind: "enterprise", name: "泊头市铸联精密铸造有限公司", regionCode: "130981", partyType: "160", intro: "生产机床床身、泵阀壳体等灰铁与球铁铸件的铸造企业。" },
  { key: "bt-guanmo-mould", kind: "enterprise", name: "泊头市冠模汽车模具有限公司", regionCode: "130981", partyType: "150", intro: "设计制造汽车覆盖件冲压模具与检具的企业。" },
  { key: "rq-huayou-additive", kind: "enterprise", name: "任丘市华油石化助剂有限公司", regionCode: "130982", partyType: "150", intro: "生产油田化学品与炼化助剂的石化企业。" },
  { key: "rq-zhongzheng-oilfield", kind: "enterprise", name: "任丘市中正油田装备制造有限公司", regionCode: "130982", partyType: "110", intro: "制造抽油机、井口装置与井下工具的油田装备企业。" },
  { key: "hh-chiyuan-auto", kind: "enterprise", name: "黄骅市驰远汽车零部件有限公司", regionCode: "130983", partyType: "160", intro: "为整车厂配套生产车身结构件、底盘件和灯具支架的企业。" },
  { key: "hh-jingrui-mould", kind: "enterprise", name: "黄骅市精锐冲压模具有限公司", regionCode: "130983", partyType: "170", intro: "专注汽车级进模、拉延模设计制造的模具企业。" },
  { key: "hj-jinghua-glass", kind: "enterprise", name: "河间市晶华玻璃制品有限公司", regionCode: "130984", partyType: "150", intro: "生产玻璃器皿、灯具玻璃与药用玻璃瓶的企业。" },
  { key: "hj-tongda-cable", kind: "enterprise", name: "河间市通达电线电缆有限公司", regionCode: "130984", partyType: "170", intro: "生产电力电缆、控制电缆与特种线缆的企业。" },

  // ---- 沧州技术转移机构（虚构） ----
  { key: "im-yunhe-ttc", kind: "intermediary", name: "沧州运河科创技术转移中心", regionCode: "130903", partyType: "500", intro: "面向沧州企业提供京津成果对接、技术评估与合同登记辅导的服务机构。" },
  { key: "im-huizhi-ttc", kind: "intermediary", name: "沧州汇智京津冀技术转移服务中心", regionCode: "130902", partyType: "500", intro: "组织高校院所与县域特色产业开展技术需求挖掘和项目对接的服务机构。" },
];
