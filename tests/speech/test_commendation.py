"""The commendation speech's decisions (speechgen.speech.commendation)."""

from types import SimpleNamespace

from speechgen.speech.commendation import Commendation, commendation_view
from speechgen.speech.plan import OutlinePlan, PartPlan
from speechgen.speech.remarks import Remarks


def _part(kind: str, number: int = 1, items: str = "headings", **kw: object) -> PartPlan:
    """A part of the outline (parts of one speech differ by number)."""
    return PartPlan(kind=kind, number=number, key=kind, heading=None, items=items, **kw)  # type: ignore[arg-type]


def _rank(**kw: object) -> SimpleNamespace:
    """An assessment result with only what the decisions read."""
    values = {"direction": "up", "band": "前列", "keep_lead": False, "target_state": None}
    values.update(target=None, weak_items=())
    values.update(kw)
    return SimpleNamespace(**values)


def test_results_go_to_the_review_and_shortfalls_to_the_goals() -> None:
    review, goal = _part("situation"), _part("measures", 3)
    c = Commendation(OutlinePlan((review, _part("learning", 2), goal)))
    assert (c.rank_at, c.weak_at, c.last_goal) == (review, goal, goal)


def test_without_a_goal_part_the_review_says_shortfalls_and_targets() -> None:
    review = _part("strengths")
    ranked = _rank(target="保三争二")
    c = Commendation(OutlinePlan((review,)), rankings=(ranked, _rank()))
    assert (c.rank_at, c.weak_at, c.goal) == (review, review, None)
    assert c.targets(review) == (ranked,)


def test_targets_are_said_in_the_goals_part_only() -> None:
    review, goal = _part("situation"), _part("focus", 2)
    c = Commendation(OutlinePlan((review, goal)), rankings=(_rank(target="进入前五"),))
    assert c.targets(review) == ()
    assert len(c.targets(goal)) == 1


def test_a_longer_budget_allows_more_stock_paragraphs() -> None:
    more = [Commendation(OutlinePlan((), budget=b)).more for b in (2000, 2800, 3599, 3600)]
    assert more == [1, 2, 2, 3]


def test_a_rhetorical_question_only_after_a_fall() -> None:
    plan = OutlinePlan(())
    assert "反问" not in Commendation(plan, ranking=_rank()).devices
    assert "反问" not in Commendation(plan).devices
    fell = Commendation(plan, ranking=_rank(direction="down"))
    assert fell.devices[0] == "反问" and "坦率" in fell.devices
    assert fell.alarm_devices(_part("situation", remarks=("这个名次我不满意。",))) == ("反问",)
    assert fell.alarm_devices(None) == fell.devices


def test_first_place_speaks_of_the_lead_a_kept_top_place_of_holding_it() -> None:
    plan = OutlinePlan(())
    assert Commendation(plan, ranking=_rank(band="榜首")).leads
    assert not Commendation(plan, ranking=_rank(band="榜首", direction="down")).leads
    assert Commendation(plan, ranking=_rank(keep_lead=True, target_state="reached")).holds
    assert not Commendation(plan, ranking=_rank(keep_lead=True, target_state="behind")).holds
    assert not Commendation(plan).leads and not Commendation(plan).holds


def test_a_part_deploys_its_own_measures_and_lists_plainly_only_with_several() -> None:
    measures = tuple(SimpleNamespace(number=n) for n in (1, 2, 3))
    whole = _part("measures", sections=("measures",), items="一是")
    first = _part("measures", 2, measures=(1,), items="一是")
    c = Commendation(OutlinePlan((whole, first)), measures=measures)
    assert c.goals(whole) == measures
    assert [x.number for x in c.goals(first)] == [1]
    assert c.plain(whole) and not c.plain(first) and c.nested(first)


def test_weaknesses_belong_to_a_part_with_their_section_and_lost_points_add_up() -> None:
    weak = (SimpleNamespace(title="创新成果偏少"),)
    c = Commendation(
        OutlinePlan(()),
        weaknesses=weak,
        rankings=(_rank(weak_items=("数据质量",)), _rank(weak_items=("执法规范",))),
    )
    assert c.weak(_part("measures", sections=("weaknesses",))) == weak
    assert c.weak(_part("learning")) == ()
    assert c.weak_items == ("数据质量", "执法规范")


def test_the_view_reads_the_template_context() -> None:
    meeting = SimpleNamespace(
        speaker_kinds=("decision", "pledge", "report"), scope="全公司", level="单位"
    )
    values = {
        "plan": OutlinePlan(()),
        "meeting": meeting,
        "remarks": Remarks({"opening": ("首先，向受表彰的同志们表示祝贺。",)}),
        "ranking": None,
    }
    c = commendation_view(values)
    assert c.cheered and c.ack == "pledge"
    quiet = commendation_view(
        values
        | {
            "remarks": Remarks({}),
            "meeting": SimpleNamespace(speaker_kinds=("decision",), scope="全县", level="县"),
        }
    )
    assert not quiet.cheered and quiet.ack is None
    assert (c.home, quiet.home) == ("公司", "全县")


def test_a_measure_with_a_why_gets_a_stock_paragraph_unless_it_says_what_and_to_what_end() -> None:
    def x(**kw: object) -> SimpleNamespace:
        return SimpleNamespace(
            **({"why": "短板明显", "steps": (), "points": (), "target": None} | kw)
        )

    assert Commendation.reasoned(x())
    assert Commendation.reasoned(x(steps=("逐项整改",)))
    assert not Commendation.reasoned(x(points=("对标",), target="进入前三"))
    assert not Commendation.reasoned(x(why=None))


def test_items_that_lost_points_are_not_restated_after_the_weaknesses_naming_them() -> None:
    goal = _part("measures", sections=("weaknesses",))
    weak = (SimpleNamespace(title="线损管理仍有短板", detail="综合线损率5.8%"),)
    items = (SimpleNamespace(title="线损管理"), SimpleNamespace(title="执法规范化"))
    c = Commendation(OutlinePlan((goal,)), rankings=(_rank(weak_items=items),), weaknesses=weak)
    assert [i.title for i in c.lost(goal)] == ["执法规范化"]
    assert [i.title for i in c.lost(_part("learning", 2))] == ["线损管理", "执法规范化"]


def test_a_units_own_noun_goes_before_its_development_without_quan() -> None:
    plan = OutlinePlan(())
    homes = [
        Commendation(plan, scope=s, level=lv).home
        for s, lv in (("全公司", "单位"), ("全集团", "单位"), ("全局", "单位"), ("全县", "县"))
    ]
    assert homes == ["公司", "集团", "全局", "全县"]
    assert Commendation(plan, scope="全系统", level="系统").home == "全系统"


def test_each_quality_is_told_through_the_praised_deed_that_shows_it_best() -> None:
    def p(who: str, deed: str) -> SimpleNamespace:
        return SimpleNamespace(who=who, deed=deed)

    team, best, veteran = (
        p("突击队", "连续作业三十多个小时，抢通线路"),
        p("供电所", "投诉为零"),
        p("李明辉", "扎根一线二十三年"),
    )
    c = Commendation(OutlinePlan(()), praise=(best, veteran, team))
    assert c.named == {"loyal": team, "strive": best, "devote": veteran}
    assert c.unnamed == ()
    one = Commendation(OutlinePlan(()), praise=(best,))
    assert one.named == {} and one.unnamed == (best,)


def test_one_near_term_step_or_several_are_announced_alike() -> None:
    plan = OutlinePlan(())
    assert Commendation(plan, next_steps=(1,)).steps_slot == "measures.next_step"
    assert Commendation(plan, next_steps=(1, 2)).steps_slot == "measures.next_steps"
