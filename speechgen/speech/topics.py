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
    "创新": ("创新", "改革", "转型", "数字", "智慧", "科技", "试点"),
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
