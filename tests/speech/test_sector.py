"""The unit's line of work, read from the names a brief gives."""

from __future__ import annotations

import pytest

from speechgen.speech.sector import SECTORS, unit_sector


@pytest.mark.parametrize(
    ("organization", "meeting", "sector"),
    [
        ("清河市第一人民医院", "2025年度工作总结暨表彰大会", "医疗"),
        ("某县卫生健康委员会", "", "医疗"),
        ("某市公安局", "", "公安"),
        ("某市公安局交通警察支队", "", "公安"),
        ("国家税务总局某县税务局", "", "税务"),
        ("某农商银行某支行", "", "金融"),
        ("某市实验中学", "", "教育"),
        ("某县教育体育局", "全县教育系统推进会", "教育"),
        ("某镇人民政府", "", "乡镇"),
        ("城关镇", "", "乡镇"),
        ("某街道办事处", "", "none"),
        ("某区某某街道党工委", "", "none"),
        ("国网某县供电公司", "", "none"),
        ("某市高速公路管理处", "", "none"),
        ("某某发电有限公司", "", "企业"),
        ("江淮能源集团南湖发电有限公司", "", "企业"),
        ("某某钢铁集团有限公司", "", "企业"),
        ("某某机床厂", "", "企业"),
        # a company that runs no production line keeps the general voice
        ("某某建设集团有限公司", "", "none"),
        ("临州市城市建设投资集团有限公司", "", "none"),
        ("某市国有资本投资运营有限公司", "", "none"),
        ("某某金控集团", "", "none"),
        ("某市电子政务办公室", "", "none"),
        ("某市工业和信息化局", "全市制造业企业座谈会", "none"),
        ("某市发展和改革委员会", "", "发改"),
        ("东湖区人民法院", "", "政法"),
        ("桐溪县财政局", "", "财政"),
        ("江南省交通运输厅", "", "交通"),
        ("某区市场监督管理局", "", "市场监管"),
        ("江北区人力资源和社会保障局", "", "人社"),
        ("嘉禾市住房和城乡建设局", "", "住建"),
        ("江宁市生态环境局", "", "生态环境"),
        ("青川市自然资源局", "", "自然资源"),
        ("某市人民政府", "全市经济运行分析会", "none"),
        ("某市人民政府办公室", "全市公安工作会议", "公安"),
        ("某市统计局", "", "none"),
    ],
)
def test_unit_sector(organization: str, meeting: str, sector: str) -> None:
    assert unit_sector(organization, meeting) == sector


def test_sectors_are_known_tag_values() -> None:
    from speechgen.templating.material import TAG_VALUES

    assert set(SECTORS) == set(TAG_VALUES["sector"])
