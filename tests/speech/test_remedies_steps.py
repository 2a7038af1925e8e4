"""Who leads a remedy and by when (speechgen.speech.remedies); next steps said in one
sentence (speechgen.speech.steps)."""

from types import SimpleNamespace

from speechgen.speech.remedies import remedy_lead
from speechgen.speech.steps import steps_said


def _remedy(**fields: object) -> SimpleNamespace:
    base: dict[str, object] = {
        "number": 1,
        "title": "排查廉政风险点",
        "owner": "",
        "co_owners": (),
        "deadline_text": "",
        "deadline_kind": "",
        "deadline_worded": False,
        "deadline_bare": False,
        "deadline_verbal": False,
        "due_by": None,
    }
    return SimpleNamespace(**(base | fields))


def test_owner_helpers_and_date_make_one_sentence() -> None:
    x = _remedy(owner="纪检组", co_owners=("办公室", "人事科"), deadline_text="6月底前")
    x.deadline_kind, x.due_by = "by_period", "6月底前"
    assert remedy_lead(x) == "这项工作由纪检组牵头，办公室和人事科配合，务必在6月底前完成。"


def test_the_owner_phrase_and_the_date_phrase_rotate_with_the_number() -> None:
    x = _remedy(number=2, title="整改问题", owner="纪检组", deadline_text="6月底前")
    x.deadline_kind, x.due_by = "by_period", "6月底前"
    assert remedy_lead(x) == "牵头单位是纪检组，确保6月底前整改到位。"
    x.number, x.title = 4, "建立台账"
    assert remedy_lead(x) == "这件事由纪检组抓总，确保6月底前全部完成。"


def test_recurring_ongoing_and_worded_deadlines() -> None:
    monthly = _remedy(deadline_text="每月", deadline_kind="recurring", deadline_bare=True)
    assert remedy_lead(monthly) == "这项工作坚持每月开展一次，形成常态。"
    steady = _remedy(deadline_text="长期坚持", deadline_kind="ongoing", deadline_verbal=True)
    assert remedy_lead(steady) == "这项工作要长期坚持、常抓不懈。"
    worded = _remedy(owner="办公室", deadline_text="节前完成", deadline_worded=True)
    assert remedy_lead(worded) == "这项工作由办公室牵头，要确保节前完成。"
    assert remedy_lead(_remedy()) == ""


def test_steps_name_who_is_in_charge_only_when_the_step_does_not() -> None:
    steps = [
        SimpleNamespace(when="5月10日前", what="报送自查报告", who="办公室", names_who=False),
        SimpleNamespace(when="月底", what="纪检组组织抽查", who="纪检组", names_who=True),
    ]
    assert steps_said(steps) == "5月10日前，报送自查报告，由办公室具体负责；月底，纪检组组织抽查。"
    assert steps_said(steps[:1], "负责") == "5月10日前，报送自查报告，由办公室负责。"
    assert steps_said([]) == ""
