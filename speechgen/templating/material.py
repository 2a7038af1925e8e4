"""The material library: tagged sentences and paragraphs a template draws on (DESIGN.md §4).

Each template folder may hold ``material.yaml`` (and ``material/*.yaml``); a template's
library is its own files plus its ancestors' (``base`` holds the shared material), so an
office's files join the built-in ones. A file maps slot names to entries::

    situation.alarm:
      - text: 拿着这张成绩单，不知在座各位有没有坐不住的感觉？
        when: {direction: down, band: [中下游, 末位]}
      - 一句不带条件的话也可以直接写成字符串

    headings.parts:                 # heading sets: sibling headings chosen together
      - set: {situation: 要切实增强“危机感”和“紧迫感”, measures: 要切实提高“执行力”和“落实力”}
        when: {direction: down}

``when`` keys: direction, band, size, level, role, topic, territory, sector, kind, device; a value
may be a list (any of them). Selection is reproducible: for each slot and key the entries
are ranked by a hash of (seed, slot, key, entry), so adding a measure changes only the
sentences keyed by it; an entry is never used twice in one speech. An entry written for
the unit's line of work (``sector``) goes first where it fits, alternating with the
general ones.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..brief.loader import parse_brief_text
from ..errors import UserError
from ..safewrite import user_cache_dir
from ..speech.plan import DEVICES
from ..speech.sector import SECTORS
from .inline import blocks

MATERIAL_FILE = "material.yaml"
TEMPLATE_SUFFIX = ".j2"
MATERIAL_DIR = "material"
TAG_KEYS = (
    "direction",
    "band",
    "size",
    "level",
    "role",
    "topic",
    "territory",
    "sector",
    "kind",
    "device",
    "has",
)
TAG_VALUES: dict[str, tuple[str, ...]] = {
    "direction": ("up", "down", "same", "none", "mixed"),
    "band": ("榜首", "前列", "中上游", "中下游", "末位", "倒数第二", "倒数第三", "靠后", "none"),
    "size": ("小幅", "大幅", "none"),
    "level": ("单位", "系统", "区", "县", "市", "省"),
    "role": ("领导干部", "中层干部", "全体干部职工", "none"),
    "territory": ("true", "false"),
    "sector": SECTORS,
    "kind": (
        "situation",
        "strengths",
        "weaknesses",
        "focus",
        "measures",
        "requirements",
        "learning",
        "cases",
        "indicators",
        "custom",
        # what a prior speaker did (the acknowledgement after them)
        "report",
        "pledge",
        "deployment",
        "decision",
        "video",
        "other",
        # a measure's deadline kind (the wording a passage may use after it)
        "date",
        "by_period",
        "recurring",
        "ongoing",
        "none",
    ),
    "device": DEVICES,
    "has": ("ranking", "strengths", "weaknesses", "measures", "praise", "cases", "target"),
}


@dataclass(frozen=True)
class Entry:
    """One piece of material: a text (or a heading set) and the situations it fits."""

    slot: str
    text: str
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    heading_set: tuple[tuple[str, str], ...] = ()
    source: str = ""

    def fits(self, tags: Mapping[str, Sequence[str]]) -> bool:
        """True when every condition of ``when`` is met by ``tags`` (a tag may hold several values)."""
        for key, wanted in self.when:
            have = tags.get(key, ())
            if not any(value in wanted for value in have):
                return False
        return True

    @property
    def for_sector(self) -> bool:
        """True for an entry written for one line of work (``when: {sector: …}``): where it
        fits, it goes before the general entries of its slot."""
        return any(key == "sector" for key, _ in self.when)

    def tag_values(self) -> dict[str, tuple[str, ...]]:
        """The ``when`` conditions as a mapping."""
        return dict(self.when)


@dataclass
class Library:
    """Every entry of a template's material, by slot."""

    slots: dict[str, list[Entry]] = field(default_factory=dict)

    def entries(self, slot: str) -> list[Entry]:
        """The entries of ``slot`` (empty when the slot is unknown)."""
        return self.slots.get(slot, [])

    def count_by_tag(self) -> dict[str, int]:
        """How many entries each ``tag=value`` has (``any`` for entries without a condition)."""
        counts: dict[str, int] = {}
        for entries in self.slots.values():
            for entry in entries:
                if not entry.when:
                    counts["any"] = counts.get("any", 0) + 1
                for key, values in entry.when:
                    for value in values:
                        name = f"{key}={value}"
                        counts[name] = counts.get(name, 0) + 1
        return counts


def material_files(folder: Path) -> list[Path]:
    """A template folder's material files: ``material.yaml``, ``material/*.yaml``, then its
    Jinja templates (``*.j2``), whose ``{% say "slot" %}`` blocks hold material too."""
    files = []
    if (folder / MATERIAL_FILE).is_file():
        files.append(folder / MATERIAL_FILE)
    sub = folder / MATERIAL_DIR
    if sub.is_dir():
        files.extend(sorted(p for p in sub.glob("*.yaml") if p.is_file()))
    files.extend(sorted(p for p in folder.glob(f"*{TEMPLATE_SUFFIX}") if p.is_file()))
    return files


def load_library(folders: Iterable[Path]) -> Library:
    """The library of a template chain (ancestors first): entries of all files join."""
    library = Library()
    for folder in folders:
        for path in material_files(folder):
            for slot, entries in _load_file(path).items():
                library.slots.setdefault(slot, []).extend(entries)
    return library


_CACHE: dict[str, tuple[str, dict[str, list[Entry]]]] = {}


def _load_file(path: Path) -> dict[str, list[Entry]]:
    """Parse one material file, cached in memory and on disk by its content.

    The cache key is a hash of the file's bytes (reading them costs far less than parsing),
    so an office's edit is seen even when it keeps the file's size and modification time.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: 无法读取素材文件（{exc.strerror or exc}）") from None
    digest = hashlib.sha256(raw).hexdigest()
    cached = _CACHE.get(str(path))
    if cached and cached[0] == digest:
        return cached[1]
    disk = _disk_cache_path(path, digest)
    parsed = _read_disk_cache(disk) if disk else None
    if parsed is None:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(f"{path}: 素材文件不是 UTF-8 编码，请用 UTF-8 另存后再试") from None
        if path.suffix == TEMPLATE_SUFFIX:
            parsed = parse_template_material(text, str(path))
        else:
            parsed = parse_material(text, str(path))
        if disk:
            _write_disk_cache(disk, parsed)
    _CACHE[str(path)] = (digest, parsed)
    return parsed


def parse_material(text: str, source: str) -> dict[str, list[Entry]]:
    """Parse material text (strict YAML, as briefs) into entries; Chinese errors name the slot."""
    data = parse_brief_text(text, source).data
    out: dict[str, list[Entry]] = {}
    for slot, items in data.items():
        if not isinstance(items, list):
            raise UserError(f"{source}: 素材“{slot}”应是一组条目（每项以“- ”开头）")
        entries = []
        for n, item in enumerate(items, start=1):
            entries.append(_entry(slot, item, f"{source}: 素材“{slot}”第{n}条"))
        out[slot] = entries
    return out


def parse_template_material(text: str, source: str) -> dict[str, list[Entry]]:
    """The entries of a template's material blocks (:mod:`.inline`), slot by slot.

    Each block's body is read as the YAML list it is, at its own lines, so an error
    names the template file and the line in it.
    """
    out: dict[str, list[Entry]] = {}
    for block in blocks(text):
        indented = block.body.replace("\n", "\n  ")
        shifted = "\n" * (block.line - 1) + f'"{block.slot}":{indented}'
        parsed = parse_material(shifted, source)
        out.setdefault(block.slot, []).extend(parsed.get(block.slot, []))
    return out


def _entry(slot: str, item: Any, where: str) -> Entry:
    if isinstance(item, str):
        if not item.strip():
            raise UserError(f"{where} 是空的")
        return Entry(slot, item.strip(), source=where)
    if not isinstance(item, dict):
        raise UserError(f"{where} 应是一句话，或写成 text 加 when 的映射")
    unknown = set(item) - {"text", "when", "set", "note"}
    if unknown:
        raise UserError(
            f"{where} 有不认识的字段 {'、'.join(sorted(unknown))}；可用 text、when、set、note"
        )
    when = item.get("when") or {}
    if not isinstance(when, dict):
        raise UserError(f"{where} 的 when 应是“键: 值”的映射")
    conditions = []
    for key, value in when.items():
        if key not in TAG_KEYS:
            raise UserError(f"{where} 的 when 里有不认识的条件“{key}”；可用 {'、'.join(TAG_KEYS)}")
        values = tuple(str(v) for v in (value if isinstance(value, list) else [value]))
        conditions.append((key, values))
    heading_set: tuple[tuple[str, str], ...] = ()
    if "set" in item:
        raw = item["set"]
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            raise UserError(f"{where} 的 set 应是“部分类型: 标题”的映射")
        heading_set = tuple((str(k), v.strip()) for k, v in raw.items())
        text = "｜".join(v for _, v in heading_set)
    else:
        text = str(item.get("text") or "").strip()
        if not text:
            raise UserError(f"{where} 缺少 text")
    return Entry(slot, text, tuple(conditions), heading_set, where)


def lint_entries(library: Library) -> list[str]:
    """Problems with tag values (a misspelt band, an unknown direction): Chinese, one per entry."""
    problems = []
    for entries in library.slots.values():
        for entry in entries:
            for key, values in entry.when:
                allowed = TAG_VALUES.get(key)
                if allowed is None:
                    continue
                for value in values:
                    if value not in allowed:
                        problems.append(
                            f"{entry.source}: 条件 {key} 的值“{value}”不认识；可用 {'、'.join(allowed)}"
                        )
    return problems


def _disk_cache_path(path: Path, digest: str) -> Path | None:
    """Where the parsed form of ``path`` is kept between runs (None when caching is off)."""
    if os.environ.get("SPEECHGEN_NO_CACHE") == "1":
        return None
    key = hashlib.sha256(f"{path.resolve()}|{digest}".encode()).hexdigest()[:24]
    return user_cache_dir() / "material" / f"{key}.json"


def _read_disk_cache(path: Path) -> dict[str, list[Entry]] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {
            slot: [
                Entry(
                    e["slot"],
                    e["text"],
                    tuple((k, tuple(v)) for k, v in e["when"]),
                    tuple((k, v) for k, v in e["set"]),
                    e["source"],
                )
                for e in entries
            ]
            for slot, entries in raw.items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_disk_cache(path: Path, parsed: dict[str, list[Entry]]) -> None:
    data = {
        slot: [
            {
                "slot": e.slot,
                "text": e.text,
                "when": [[k, list(v)] for k, v in e.when],
                "set": [[k, v] for k, v in e.heading_set],
                "source": e.source,
            }
            for e in entries
        ]
        for slot, entries in parsed.items()
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def _sector_first(entries: list[Entry]) -> list[Entry]:
    """Entries written for the unit's line of work alternate with the general ones, a
    sector entry first: a passage of two sentences says one of each, so the speech sounds
    like its unit without every seed drawing the same pair."""
    own = [e for e in entries if e.for_sector]
    if not own:
        return entries
    general = [e for e in entries if not e.for_sector]
    out: list[Entry] = []
    for n in range(max(len(own), len(general))):
        out.extend(group[n] for group in (own, general) if n < len(group))
    return out


def _rank(seed: int, slot: str, key: str, text: str) -> bytes:
    """The reproducible order of an entry within a slot and key (rendezvous hashing)."""
    return hashlib.blake2b(f"{seed}|{slot}|{key}|{text}".encode(), digest_size=8).digest()


@dataclass
class Picker:
    """Chooses material for one render: reproducible, never the same entry twice.

    ``fill_budget`` maps a fill key (a part's key, ``opening``, ``closing``) to how many
    characters library material may add there; :meth:`fill` spends it.
    """

    library: Library
    tags: dict[str, tuple[str, ...]]
    seed: int = 0
    used: set[str] = field(default_factory=set)
    fill_budget: dict[str, int] = field(default_factory=dict)
    salt: str = ""  # the meeting's name: two meetings with one seed do not open alike
    fill_calls: dict[str, int] = field(default_factory=dict)
    fill_spent: dict[str, int] = field(default_factory=dict)
    # what all fill calls together may add (the speech's deficit); None: the budgets' sum
    fill_total: int | None = None

    def _candidates(self, slot: str, key: str, extra: Mapping[str, Sequence[str]]) -> list[Entry]:
        tags = dict(self.tags)
        for name, value in extra.items():
            tags[name] = tuple(value)
        said = self._phrases()
        fitting = [
            e
            for e in self.library.entries(slot)
            if e.text not in self.used and e.fits(tags) and not phrases(e.text) & said
        ]
        salted = f"{self.salt}|{key}"
        fitting.sort(key=lambda e: _rank(self.seed, slot, salted, e.text))
        return _sector_first(fitting)

    def _phrases(self) -> frozenset[str]:
        """The phrases of the material said so far (an entry repeating one is not said)."""
        return frozenset().union(*(phrases(t) for t in self.used))

    def say(self, slot: str, key: str = "", n: int = 1, **extra: Sequence[str]) -> list[str]:
        """Up to ``n`` entries of ``slot`` that fit; marks them used."""
        chosen = self._candidates(slot, key or slot, extra)[: max(0, n)]
        for entry in chosen:
            self.used.add(entry.text)
        return [e.text for e in chosen]

    def heading_set(self, slot: str, kinds: Sequence[str], key: str = "") -> dict[str, str]:
        """A heading set of ``slot`` that names every kind in ``kinds`` (empty when none does)."""
        for entry in self._candidates(slot, key or slot, {}):
            names = dict(entry.heading_set)
            if all(k in names for k in kinds):
                self.used.add(entry.text)
                return names
        return {}

    def fill(
        self, slot: str, where: str, key: str = "", most: int = 0, **extra: Sequence[str]
    ) -> list[str]:
        """Library entries for ``where`` while its budget lasts (nothing in the measuring pass).

        ``most`` caps the entries of this one call (0: no cap), so a passage never turns into a
        string of stock sentences however much budget is left; what is left stays unspent.
        """
        self.fill_calls[where] = self.fill_calls.get(where, 0) + 1
        budget = self.fill_budget.get(where, 0)
        if budget <= 0:
            return []
        calls_left = max(1, self._expected_calls.get(where, 1) - self.fill_calls[where] + 1)
        share = (budget - self.fill_spent.get(where, 0)) / calls_left
        out: list[str] = []
        spent = 0
        before = sum(self.fill_spent.values())
        cap = self.fill_total if self.fill_total is not None else sum(self.fill_budget.values())
        for entry in self._candidates(slot, key or slot, extra):
            size = entry_length(entry.text)
            if spent + size / 2 > share or (most and len(out) >= most):
                break
            if before + spent + size > cap:
                break  # a part may round up by half an entry; the speech never does
            if any(phrases(entry.text) & phrases(t) for t in out):
                continue
            out.append(entry.text)
            self.used.add(entry.text)
            spent += size
        self.fill_spent[where] = self.fill_spent.get(where, 0) + spent
        return out

    _expected_calls: dict[str, int] = field(default_factory=dict)

    def second_pass(self, budgets: Mapping[str, int]) -> Picker:
        """A fresh picker for the filling pass, knowing how many fill calls each place makes.

        ``budgets`` (per place, already scaled to what the whole speech lacks) also set
        the cap on everything the pass may add.
        """
        picker = Picker(
            self.library,
            self.tags,
            self.seed,
            fill_budget=dict(budgets),
            salt=self.salt,
            fill_total=sum(max(0, b) for b in budgets.values()),
        )
        picker._expected_calls = dict(self.fill_calls)
        return picker


# Two material entries sharing a run of this many Chinese characters within a clause (有牵头的人、
# 有时间的表; 这些成绩再一次说明) are not said in one speech: a listener hears the repeat. Seven,
# not six: at six a unit's own field terms (医疗质量和安全) kept too many entries apart and the
# seeds of some briefs drew the same material.
PHRASE = 7
_CLAUSE = re.compile(r"[，。！？；：,;:!?“”「」（）()\n]")


@functools.lru_cache(maxsize=4096)
def phrases(text: str) -> frozenset[str]:
    """The runs of :data:`PHRASE` Chinese characters within one clause of an entry (its
    ``{{ names }}`` left out, 、 and digits read through)."""
    runs: set[str] = set()
    for clause in _CLAUSE.split(_NAME.sub("，", text)):
        chars = "".join(ch for ch in clause if "\u4e00" <= ch <= "\u9fff")
        runs.update(chars[i : i + PHRASE] for i in range(len(chars) - PHRASE + 1))
    return frozenset(runs)


def spoken_length(text: str) -> int:
    """Length as ``check`` counts it: Chinese characters, letters and digits."""
    return sum(1 for ch in text if ch.isalnum())


_NAME = re.compile(r"\{\{.*?\}\}", re.S)
NAME_LENGTH = 4  # what a {{ meeting.we }}-style name usually says: 全县上下, 某某局…


def entry_length(text: str) -> int:
    """The spoken length of a material entry, its ``{{ names }}`` counted as a short value."""
    names = len(_NAME.findall(text))
    return spoken_length(_NAME.sub("", text)) + NAME_LENGTH * names
