"""Topics a measure or an item is about, found from its words (队伍、作风、督办…).

The material library tags entries by topic; a measure's topic picks the reasoning
that fits it. Matching is by keywords, first match first. A measure is matched by its
title only: a word in one of its steps (「考核扣分」, 「听漏队伍」) does not make the
measure about that topic, and a measure with no topic gets general reasoning.
"""

from __future__ import annotations

TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "队伍": ("队伍", "干部", "人才", "中层", "骨干", "担当", "培训", "能力"),
    "作风": ("作风", "纪律", "效能", "懒政", "形式主义", "官僚主义", "担当作为"),
    "督办": ("督办", "督查", "督促", "跟踪问效", "调度", "销号", "台账"),
    "考核": ("考核", "奖惩", "激励", "评价", "绩效", "问责", "排名"),
    "协同": ("协同", "配合", "联动", "合力", "统筹", "协作", "补位"),
    "创新": ("创新", "改革", "转型", "科技", "试点"),
    # building or moving systems is no innovation unless the title says 创新 (数字人社建设,
    # 平台迁移): it has reasoning of its own (用得好不好、基层减没减负)
    "数字化": (
        "数字",
        "智慧",
        "智能",
        "信息化",
        "数据",
        "信息系统",
        "信息平台",
        "系统迁移",
        "平台迁移",
        "网上办",
        "电子政务",
        "电子病历",
    ),
    "安全": (
        "安全",
        "隐患",
        "应急",
        "防汛",
        "汛期",
        "消防",
        "事故",
        "危化",
        "防火",
        "火源",
        "火灾",
        "燃气",
    ),
    "项目": ("项目", "投资", "开工", "工程", "竣工", "招商", "签约", "征迁"),
    "营商环境": (
        "营商",
        "审批",
        "惠企",
        "涉企",
        "助企",
        "服务企业",
        "企业服务",
        "政务服务",
        "办事",
        "市场主体",
        "一网通办",
    ),
    "廉政": ("廉政", "廉洁", "腐败", "反腐", "警示", "以案", "清廉", "八项规定"),
    "民生": ("民生", "群众", "就业", "教育", "医疗", "养老", "社区"),
    "经济": ("经济运行", "经济发展", "经济增长", "稳增长", "生产总值", "GDP", "增速"),
    # finer economic topics, for the economy meeting's scheduling material
    "工业": ("工业", "制造", "满产", "达产", "园区", "产业链", "规上"),
    "消费": ("消费", "商贸", "零售", "促销", "夜经济", "步行街"),
    "财税": ("财政", "财源", "税源", "税收", "预算", "收入组织", "国有资产"),
}


# Phrases that hold a topic's keyword without being about it: 数据安全 is no workplace safety.
NOT_ABOUT: dict[str, tuple[str, ...]] = {
    "创新": ("数字化转型", "数字转型", "智能化转型", "智慧化转型"),
    "安全": (
        "网络和数据安全",
        "网络安全",
        "数据安全",
        "信息安全",
        "食品安全",
        "药品安全",
        "金融安全",
        "粮食安全",
        "政治安全",
    ),
}


def topics_of(*texts: str | None) -> tuple[str, ...]:
    """Every topic whose keywords appear in ``texts``, in table order."""
    joined = "".join(t for t in texts if t)
    found = []
    for topic, words in TOPIC_WORDS.items():
        text = joined
        for phrase in NOT_ABOUT.get(topic, ()):
            text = text.replace(phrase, "")
        if any(w in text for w in words):
            found.append(topic)
    return tuple(found)


# The economy speech's own finer topics. An indicator is matched by its name, in this order
# (能耗 and 失业 before 工业 and 收入 would claim them); 总量 is the GDP, said last.
ECONOMY_INDICATOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("能耗", ("能耗", "能源消耗", "节能")),
    ("就业", ("失业", "就业")),
    ("居民收入", ("居民", "人均可支配")),
    ("外资外贸", ("外资", "外贸", "进出口", "出口")),
    ("投资", ("投资",)),
    ("消费", ("消费", "零售")),
    ("财税", ("预算收入", "税收", "财政")),
    ("工业", ("工业", "制造业")),
    ("总量", ("生产总值", "GDP")),
)
# A measure is matched by its title against these first (every topic that fits, in order).
ECONOMY_MEASURE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("外资外贸", ("外资", "外贸", "出口", "引资")),
    ("招商", ("招商", "引资", "签约")),
    ("就业", ("就业", "失业", "稳岗", "招聘", "创业")),
    ("投资", ("投资", "开工", "专项债", "项目")),
    ("能耗", ("能耗", "节能", "减排", "降碳")),
    ("居民收入", ("增收", "居民收入", "农民")),
)
# General topics the economy speech ranks before the rest (营商环境…) for a measure.
ECONOMY_SPECIFIC = ("工业", "消费", "财税")
# Topics the economy speech has a method paragraph for (economy.method).
ECONOMY_METHODS = (
    "投资",
    "工业",
    "消费",
    "财税",
    "招商",
    "外资外贸",
    "就业",
    "营商环境",
    "能耗",
    "居民收入",
)


def economy_indicator_topic(name: str) -> str:
    """The economy topic of an indicator (总量, 投资, 消费…), or "" when none fits."""
    return next((k for k, words in ECONOMY_INDICATOR_WORDS if any(w in name for w in words)), "")


def economy_measure_topics(title: str, topics: tuple[str, ...]) -> tuple[str, ...]:
    """A measure's topics for the economy speech, finest first: the economy topics its title
    names, then its general ``topics`` (工业、消费、财税 before the rest)."""
    fine = tuple(k for k, words in ECONOMY_MEASURE_WORDS if any(w in title for w in words))
    specific = tuple(t for t in topics if t in ECONOMY_SPECIFIC)
    return fine + specific + tuple(t for t in topics if t not in ECONOMY_SPECIFIC)


def economy_method_topic(topics: tuple[str, ...]) -> str:
    """The first of ``topics`` with a method paragraph, or ``none``."""
    return next((t for t in topics if t in ECONOMY_METHODS), "none")
