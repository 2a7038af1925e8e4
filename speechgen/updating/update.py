"""``speechgen update``: bring an edited draft up to date with its brief, as tracked changes.

The facade renders the brief again (:func:`speechgen.facade.update_draft`); this module
does the rest:

1. :func:`read_draft` reads the draft (refusing unsafe files) and the record of what
   speechgen generated in it; a draft without one is refused with advice (exit 2).
2. :func:`find_brief` finds the brief it was rendered from.
3. :func:`merge` plans the three-way merge (:mod:`.merge`) and has the docx layer carry
   it out: small tracked changes by 「speechgen」, tracked paragraph insertions and
   deletions, comments holding the new wording where people had edited.
4. :func:`finish` records the new render as what was generated, marks the file as
   holding people's text and verifies it reopens; :mod:`.targets` writes it
   (``<stem>-更新.docx`` by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..docx.generated import GeneratedRecord, read_record
from ..errors import UserError
from .merge import Comment, Delete, Insert, MergePlan, Revise, plan_merge

AUTHOR = "speechgen"
SUFFIX = "-更新"


@dataclass
class UpdateResult:
    """What ``update`` did: where it wrote, and a count of each kind of change."""

    target: Path
    backup: Path | None = None
    revised: int = 0
    inserted: int = 0
    deleted: int = 0
    commented: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line in Chinese for the terminal."""
        if not (self.revised or self.inserted or self.deleted or self.commented):
            changes = "重新生成的内容与原稿相同，没有修订"
        else:
            changes = (
                f"修改 {self.revised} 段、新增 {self.inserted} 段、删除 {self.deleted} 段"
                f"（均为修订，可在 Word/WPS 中逐条接受或拒绝），批注 {self.commented} 条"
            )
        return f"已写出 {self.target}：{changes}"


def read_draft(path: Path) -> tuple[bytes, GeneratedRecord]:
    """The draft's bytes and its generated record; :class:`UserError` with advice otherwise."""
    from ..docx.package import HASH_PROPERTY
    from ..docx.reader import read_docx_bytes
    from ..docx.safety import read_untrusted_docx

    if path.is_dir():
        raise UserError(f"{path}: 这是一个文件夹，请给出要更新的 .docx 稿子")
    if path.suffix.lower() != ".docx":
        raise UserError(f"{path}: 只能更新 speechgen 生成的 .docx 稿子")
    if not path.exists():
        raise UserError(f"{path}: 找不到这个文件，请检查路径")
    data = read_untrusted_docx(path, "讲话稿")
    record = read_record(data, str(path))
    if record is None:
        old = HASH_PROPERTY in read_docx_bytes(data, str(path)).custom_properties
        why = (
            "是旧版本 speechgen 生成的，里面没有记录当时生成的内容"
            if old
            else "不是 speechgen 生成的（里面没有 speechgen 记录的生成内容）"
        )
        raise UserError(
            f"{path}: 这份稿子{why}，分不清哪些文字是人改过的，所以不能自动合并。可以：\n"
            f"  1. 用 speechgen render 简报.yaml -o 新稿.docx 生成新稿，再把修改抄过去；\n"
            f"  2. 用 speechgen check {path.name} --brief 简报.yaml 对照简报检查这份稿子哪里需要改。\n"
            "用现在的 speechgen 生成的稿子，以后都可以直接 update"
        )
    return data, record


def find_brief(draft: Path, record: GeneratedRecord, brief: Path | None) -> Path:
    """The brief to render: ``--brief``, else the recorded one beside the draft or where it was."""
    if brief is not None:
        if not brief.is_file():
            raise UserError(f"{brief}: 找不到这份简报")
        return brief
    candidates = []
    if record.brief_name:
        candidates.append(draft.parent / record.brief_name)
    if record.brief_path:
        candidates.append(Path(record.brief_path))
    for path in candidates:
        if path.is_file():
            return path
    shown = record.brief_name or "（未记录）"
    where = record.brief_path or "原来的位置"
    raise UserError(
        f"{draft}: 找不到生成这份稿子的简报“{shown}”（稿子旁边和 {where} 都没有）；"
        "请用 --brief 指定简报文件"
    )


def settings_of(record: GeneratedRecord) -> dict[str, object]:
    """The render settings the draft was made with (given on the command line then)."""
    s = record.settings
    return {
        "template": s.get("template") or None,
        "profile": s.get("profile") or None,
        "shell": s.get("shell") or None,
        "seed": record.seed,
    }


def merge(draft: bytes, old: GeneratedRecord, new: bytes,
          date: str | None = None) -> tuple[bytes, GeneratedRecord, MergePlan]:  # fmt: skip
    """Merge the new render into the draft; return its bytes, the new record and the plan."""
    from ..docx.merging import apply_steps, draft_texts

    new_record = read_record(new)
    if new_record is None:  # every render carries one
        raise UserError("重新生成的稿子缺少生成记录，无法合并")
    plan = plan_merge(old.paragraphs, draft_texts(draft), new_record.paragraphs)
    return apply_steps(draft, new, plan.actions, AUTHOR, date), new_record, plan


def finish(data: bytes, record: GeneratedRecord) -> bytes:
    """Embed ``record``, mark the file as holding people's text, stamp the hash, verify."""
    from ..docx.generated import embed
    from ..docx.package import PEOPLE_PROPERTY, stamp_content_hash
    from ..docx.reader import read_docx_bytes

    out = stamp_content_hash(embed(data, record), {PEOPLE_PROPERTY: "1"})
    read_docx_bytes(out, "更新后的稿子")  # reopens and parses, or raises
    return out


def result_of(target: Path, backup: Path | None, plan: MergePlan,
              warnings: list[str]) -> UpdateResult:  # fmt: skip
    """The summary of one update."""
    result = UpdateResult(
        target,
        backup,
        revised=plan.count(Revise),
        inserted=plan.count(Insert),
        deleted=plan.count(Delete),
        commented=plan.count(Comment),
        messages=list(warnings),
    )
    if backup is not None:
        result.messages.append(f"{target}: 原文件已备份为 {backup.name}")
    return result
