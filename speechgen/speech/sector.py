"""Which line of work a unit is in (医疗, 公安, 教育…), read from the names in the brief.

Material may be tagged ``when: {sector: 医疗}`` so that a hospital's speech sounds like a
hospital's (患者, 医疗质量) and a police bureau's like a police bureau's; the planner prefers
such an entry over a general one of the same slot. The brief has no field for it: the unit's
own name says it, and where it does not (市政府办公室), the speech keeps the general voice.
"""

from __future__ import annotations

NONE = "none"

# (sector, words in the organization's name), most specific first: 医院 before 院,
# 银行 before 公司, 公安 before 局. A word names the sector wherever it stands in the name.
# 乡镇 and 企业 are read from the organization's name only.
_ORG_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("公安", ("公安", "派出所", "交警", "警察", "特警", "刑侦")),
    (
        "医疗",
        ("医院", "卫生院", "卫健", "卫生健康", "疾控", "疾病预防控制", "妇幼保健", "急救中心"),
    ),
    ("税务", ("税务",)),
    ("金融", ("银行", "支行", "分行", "农商行", "信用社", "信用联社", "保险", "证券", "金融")),
    (
        "教育",
        (
            "学校",
            "中学",
            "小学",
            "幼儿园",
            "大学",
            "职业技术学院",
            "师范",
            "教育局",
            "教育体育局",
            "教体局",
        ),
    ),
    ("乡镇", ("镇人民政府", "乡人民政府", "镇党委", "乡党委")),
    ("政法", ("法院", "检察院", "司法局", "政法委")),
    ("财政", ("财政",)),
    ("市场监管", ("市场监督管理", "市场监管")),
    ("交通", ("交通运输", "公路管理", "交通局")),
    ("住建", ("住房和城乡建设", "住房城乡建设", "住建")),
    ("人社", ("人力资源和社会保障", "人社")),
    ("发改", ("发展和改革", "发展改革", "发改")),
    ("生态环境", ("生态环境", "环境保护", "环保局")),
    ("自然资源", ("自然资源", "国土资源")),
    ("企业", ()),  # read by :func:`_industrial`: a factory, not any company
)

# The 企业 material speaks of 车间, 班组, 工序, 产量 and 原材料: it fits a manufacturing or
# industrial enterprise (a word of its trade and a company's or factory's name), not an
# investment, construction, 城投, 国资 or 金控 group, which keeps the general voice.
_INDUSTRY = (
    "制造",
    "工厂",
    "电厂",
    "发电",
    "钢铁",
    "冶金",
    "有色",
    "化工",
    "石化",
    "炼化",
    "机械",
    "重工",
    "装备",
    "电子",
    "纺织",
    "汽车",
    "制药",
    "药业",
    "水泥",
    "建材",
    "煤矿",
    "煤业",
    "矿业",
    "造纸",
    "食品",
    "橡胶",
    "船舶",
    "厂",
)
_COMPANY = ("公司", "集团", "厂", "有限")


def _industrial(name: str) -> bool:
    """A manufacturing or industrial enterprise: 某某钢铁集团, 某某发电有限公司, 某某机床厂."""
    return any(w in name for w in _COMPANY) and any(w in name for w in _INDUSTRY)


# Organizations whose name ends in one of these are a town or township even without 人民政府.
# A 街道 is not one: it has 社区, not 村, so it keeps the general voice.
_TOWN_ENDINGS = ("镇", "乡")

# Units whose name holds a sector's word but whose work is not that sector's: a power or
# water utility is a 公司 without markets, raw materials or production lines.
_GENERAL = ("街道", "供电", "电网", "供水", "燃气", "热力", "管理处")

SECTORS: tuple[str, ...] = tuple(name for name, _ in _ORG_WORDS) + (NONE,)


def unit_sector(organization: str, meeting_name: str = "") -> str:
    """The sector of a unit: from its name first, then from the meeting's name
    (全市公安机关…推进会 held by a 局 of another name); ``none`` when neither says."""
    name = organization.strip()
    if any(word in name for word in _GENERAL):
        return NONE
    if name.endswith(_TOWN_ENDINGS):
        return "乡镇"
    for text in (name, meeting_name.strip()):
        for sector, words in _ORG_WORDS:
            if sector in ("乡镇", "企业") and text is not name:
                continue
            if sector == "企业" and _industrial(name):
                return sector
            if any(word in text for word in words):
                return sector
    return NONE
