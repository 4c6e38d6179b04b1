"""Words the demo data is made of: sectors, name parts, people, places, phrases.

Everything here is fictional but shaped like real ledgers; no real firm is named.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sector:
    """A slice of the economy as a bureau sees it: chain, GB/T 4754 divisions, name words."""

    code: str
    weight: int
    chain_code: str | None
    industries: tuple[str, ...]
    trades: tuple[str, ...]
    products: tuple[str, ...]
    manufacturing: bool = True


SECTORS: tuple[Sector, ...] = (
    Sector("nev", 11, "nev", ("36", "38"),
           ("新能源汽车", "汽车零部件", "汽车电子", "动力科技"),
           ("新能源汽车零部件生产基地", "年产{n}万套汽车零部件", "新能源商用车整车制造",
            "电驱动系统制造", "汽车线束及连接器生产", "一体化压铸件生产")),
    Sector("battery", 7, "new_energy", ("38", "26"),
           ("锂电科技", "储能科技", "新能源材料"),
           ("年产{n}GWh动力电池", "储能电池生产线", "磷酸铁锂正极材料",
            "锂电池隔膜生产", "电解液生产")),
    Sector("solar", 5, "new_energy", ("38", "44"),
           ("光伏科技", "新能源", "能源科技"),
           ("{n}MW光伏电站", "光伏组件生产基地", "分布式光伏开发", "风光储一体化")),
    Sector("aluminium", 6, "aluminium", ("32", "33"),
           ("铝业", "金属材料", "铝材科技"),
           ("年产{n}万吨铝型材", "高端铝板带箔", "再生铝综合利用", "铝合金精深加工")),
    Sector("electronics", 10, "electronics", ("39", "40"),
           ("电子科技", "光电科技", "智能科技", "半导体"),
           ("电子信息产业园", "智能终端生产基地", "显示模组生产线", "芯片封装测试",
            "PCB电路板生产", "光模块研发生产")),
    Sector("biomed", 6, "biomed", ("27", "35"),
           ("生物医药", "医疗器械", "药业", "生物科技"),
           ("生物医药产业园", "原料药及制剂生产", "医疗器械生产基地", "中药饮片加工",
            "疫苗研发生产")),
    Sector("materials", 6, "new_materials", ("26", "29", "30", "28"),
           ("新材料", "化工科技", "高分子材料"),
           ("高性能复合材料", "年产{n}万吨新型建材", "功能性薄膜生产", "电子化学品")),
    Sector("equipment", 8, "equipment", ("34", "35", "37"),
           ("智能装备", "机械制造", "精密机械", "重工"),
           ("高端装备制造基地", "智能装备产业园", "工程机械生产", "轨道交通装备",
            "工业机器人生产")),
    Sector("chemicals", 4, "green_chem", ("25", "26"),
           ("化工", "石化科技", "精细化工"),
           ("绿色化工新材料", "精细化学品生产", "年产{n}万吨化工新材料")),
    Sector("food", 7, "agri_food", ("13", "14", "15"),
           ("食品", "农业科技", "生物科技", "茶业"),
           ("农产品精深加工", "中央厨房及冷链配送", "预制菜生产基地", "茶叶精深加工",
            "糖业循环经济", "年产{n}万吨饲料")),
    Sector("textiles", 3, None, ("17", "18", "21"),
           ("纺织", "服饰", "家居"),
           ("服装加工生产基地", "家具制造产业园", "纺织印染")),
    Sector("digital", 8, "digital", ("64", "65", "63"),
           ("数字科技", "信息技术", "网络科技", "软件"),
           ("数字经济产业园", "数据中心", "区域总部及研发中心", "软件外包服务中心",
            "跨境电商平台", "人工智能算力中心"), manufacturing=False),
    Sector("logistics", 6, "modern_logistics", ("58", "59", "54"),
           ("物流", "供应链管理", "国际物流"),
           ("智慧物流园", "冷链物流中心", "跨境物流枢纽", "区域分拨中心"),
           manufacturing=False),
    Sector("tourism", 4, "cultural_tourism", ("61", "88", "90"),
           ("文化旅游", "酒店管理", "文旅发展"),
           ("文旅综合体", "星级酒店", "特色小镇", "康养旅游度假区"), manufacturing=False),
    Sector("trade", 5, None, ("51", "52", "72"),
           ("贸易", "商贸", "实业", "投资"),
           ("区域总部", "商业综合体", "进出口贸易中心", "东盟商品集散中心"),
           manufacturing=False),
    Sector("property", 3, None, ("70", "47", "48"),
           ("置业", "建设", "城市发展"),
           ("产业新城", "标准厂房建设", "城市更新"), manufacturing=False),
    Sector("finance", 2, None, ("66", "67", "69"),
           ("投资", "金融服务", "资本管理"),
           ("区域金融中心", "产业投资基金", "融资租赁公司"), manufacturing=False),
)  # fmt: skip

#: Characters that firms' trade names are made of (两字号).
BRAND_CHARS = (
    "华创鑫盛泰恒达宏远博瑞嘉信德隆昌源丰海新中安康益腾飞天宇科光明润金通锦辉凯汇祥弘永佳力成"
    "盈智联峰晟誉卓越铭尚致航元正和兴旺富东南西北美宝龙凤景诚威亿万利强星云林泽晶晨阳华立"
)

#: Fictional foreign firms: (Chinese name, English name, country code).
FOREIGN_BRANDS: tuple[tuple[str, str, str], ...] = (
    ("艾德蒙", "Aldemont", "US"), ("维克森", "Vickson", "US"), ("瑞普顿", "Repton", "GB"),
    ("卡伦斯", "Carens", "DE"), ("奥斯本", "Osborne", "GB"), ("莱茵斯塔", "Rheinstar", "DE"),
    ("诺德维克", "Nordvik", "SE"), ("阿尔卑", "Alpeq", "CH"), ("博朗特", "Bronte", "FR"),
    ("维斯塔", "Vesta", "IT"), ("范德堡", "Vanderburg", "NL"), ("樱和", "Sakuwa", "JP"),
    ("三和精工", "Sanwa Seiko", "JP"), ("东洋化成", "Toyo Kasei", "JP"), ("大新", "Daeshin", "KR"),
    ("韩宇", "Hanwoo", "KR"), ("狮城", "Lion City", "SG"), ("星桥", "Starbridge", "SG"),
    ("暹罗", "Siam Union", "TH"), ("金马", "Golden Horse", "MY"), ("湄江", "Mekong", "VN"),
    ("南洋", "Nanyang", "ID"), ("枫叶", "Mapleleaf", "CA"), ("南十字", "Southern Cross", "AU"),
)  # fmt: skip

#: Foreign countries (other than HK, MO, TW) and how often investors come from them.
FOREIGN_COUNTRIES: tuple[tuple[str, int], ...] = (
    ("SG", 8), ("US", 6), ("JP", 6), ("KR", 5), ("DE", 5), ("TH", 4), ("MY", 4), ("VN", 3),
    ("ID", 3), ("FR", 2), ("GB", 2), ("NL", 2), ("CH", 1), ("AU", 2), ("CA", 1), ("SE", 1),
    ("IT", 1),
)  # fmt: skip

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾"
    "龚邵万覃"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建文斌宇浩凯健俊帆帅旭宁"
    "琳晨欣怡佳雪婷倩颖思源泽宏志海波峰林宾斌坤鑫晶琪航展彬雯露瑶"
)

TITLES = ("董事长", "总经理", "副总经理", "投资总监", "战略发展部总监", "行政总监", "项目经理",
          "副总裁", "拓展部经理", "财务总监")  # fmt: skip

#: Districts, counties and zones of the default bureau city (南宁, GB/T 2260 450100).
NANNING_UNITS: tuple[tuple[str, str], ...] = (
    ("南宁市", "450100"), ("兴宁区", "450102"), ("青秀区", "450103"), ("江南区", "450105"),
    ("西乡塘区", "450107"), ("良庆区", "450108"), ("邕宁区", "450109"), ("武鸣区", "450110"),
    ("横州市", "450181"), ("宾阳县", "450126"), ("上林县", "450125"), ("马山县", "450124"),
    ("隆安县", "450123"), ("南宁高新区", "450107"), ("南宁经开区", "450105"),
    ("东盟经开区", "450110"),
)  # fmt: skip

NANNING_PARKS: tuple[tuple[str, str], ...] = (
    ("南宁高新技术产业开发区", "450100"), ("南宁经济技术开发区", "450100"),
    ("广西-东盟经济技术开发区", "450100"), ("中国(广西)自由贸易试验区南宁片区", "450100"),
    ("南宁临空经济示范区", "450100"), ("南宁综合保税区", "450100"),
    ("六景工业园区", "450100"), ("宾阳黎塘工业园区", "450100"), ("武鸣伊岭工业集中区", "450100"),
    ("良庆区五象新区产业园", "450100"), ("邕宁新兴产业园", "450100"),
    ("江南区智慧物流园", "450100"),
)  # fmt: skip

GENERIC_PARK_KINDS = ("高新技术产业开发区", "经济技术开发区", "综合保税区", "临空经济区",
                      "现代物流园", "新材料产业园", "食品产业园", "电子信息产业园")  # fmt: skip

#: Station cities of resident teams: (GB/T 2260 code, region group).
STATIONS: tuple[tuple[str, str], ...] = (
    ("440300", "gba"), ("440100", "gba"), ("441900", "gba"), ("440600", "gba"),
    ("440400", "gba"), ("442000", "gba"), ("441300", "gba"), ("810000", "gba"),
    ("310000", "yrd"), ("330100", "yrd"), ("320500", "yrd"), ("320100", "yrd"),
    ("330200", "yrd"), ("340100", "yrd"), ("320200", "yrd"), ("110000", "jjj"),
    ("120000", "jjj"), ("510100", "chengyu"), ("500000", "chengyu"), ("350200", "east"),
    ("420100", "central"), ("430100", "central"),
)  # fmt: skip
#: Stations every home unit covers (the rest are drawn).
CORE_STATIONS = ("440300", "440100", "310000", "110000")

#: Big source cities inside groups weigh more than the rest of the group.
CITY_WEIGHTS: dict[str, int] = {
    "440300": 30, "440100": 24, "441900": 10, "440600": 10, "440400": 4, "442000": 4,
    "441300": 4, "440700": 2, "441200": 2, "310000": 30, "330100": 12, "320500": 12,
    "320100": 9, "330200": 7, "340100": 7, "320200": 6, "110000": 40, "120000": 12,
    "130100": 5, "510100": 20, "500000": 15,
}  # fmt: skip

DROP_REASONS = ("企业投资计划调整", "融资未落实", "用地条件不满足", "企业转投其他地区",
                "环评未通过", "市场环境变化，项目暂缓", "企业经营困难", "产业政策调整")  # fmt: skip

ACTIVITY_SUMMARIES: dict[str, tuple[str, ...]] = {
    "visit": ("赴{c}总部拜访，介绍{city}投资环境和产业政策", "走访{c}，了解企业布局计划",
              "登门拜访{c}负责人，跟进项目进展", "拜访{c}，交流合作意向"),
    "negotiation": ("与{c}就项目用地、投资强度进行洽谈", "与{c}商谈投资协议条款",
                    "与{c}洽谈优惠政策及配套条件", "双方就项目建设时序深入磋商"),
    "phone": ("电话沟通{c}项目推进情况", "电话联系{c}，确认考察行程", "电话了解企业诉求"),
    "cloud_meeting": ("与{c}召开视频会议，介绍园区配套", "云洽谈：{c}投资意向交流",
                      "线上对接{c}项目技术方案"),
    "site_inspection": ("陪同{c}考察园区及拟选地块", "{c}一行来{city}实地考察",
                        "组织{c}考察产业链上下游企业"),
    "promotion_event": ("参加{city}投资推介会，与{c}现场对接", "举办产业链专题招商推介会",
                        "在驻点城市举办招商恳谈会"),
    "signing_ceremony": ("{c}项目签约仪式", "在集中签约活动上与{c}签约"),
}  # fmt: skip
NEXT_STEPS = ("安排企业来{city}考察", "提供用地规划资料", "起草投资协议", "协调税收优惠政策",
              "跟进企业董事会决策", "组织项目评审", "对接园区标准厂房", "准备签约材料")  # fmt: skip

PROBLEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "land": (("项目用地指标尚未落实", "市自然资源局"), ("土地征收进度滞后", "区人民政府"),
             ("地块规划条件需调整", "市自然资源局")),
    "environment": (("环评审批周期较长", "市生态环境局"), ("排污总量指标不足", "市生态环境局")),
    "funding": (("企业融资需求较大，需协调银行授信", "市地方金融管理局"),
                ("产业扶持资金兑现滞后", "市财政局")),
    "labour": (("技术工人招聘困难", "市人力资源和社会保障局"),
               ("员工子女入学需协调", "市教育局")),
    "utilities": (("供电线路接入未完成", "供电局"), ("供水供气管网未到位", "市住房和城乡建设局"),
                  ("道路配套未完善", "市住房和城乡建设局")),
    "permits": (("施工许可办理进度慢", "市行政审批局"), ("消防验收需协调", "市住房和城乡建设局"),
                ("能评审批待完成", "市发展和改革委员会")),
    "other": (("企业反映物流成本偏高", "市商务局"), ("需协调解决企业高管人才公寓", "市住房保障局")),
}  # fmt: skip
RESOLUTIONS = ("已协调解决，销号", "经专题会议研究已落实", "相关部门已办结",
               "企业诉求已满足，销号")  # fmt: skip
