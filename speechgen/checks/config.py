"""Check settings: rules switched off, speaking rate, severity overrides.

They come from the command line and from an optional YAML config file::

    ignore: [placeholder.text, punct]   # rule ids or whole families
    chars_per_minute: 240
    severity:
      parallel.pattern: error
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import UserError
from .model import SEVERITIES
from .rules import FAMILIES, RULES
from .rules.context import DEFAULT_CHARS_PER_MINUTE

_KEYS = ("ignore", "chars_per_minute", "severity")
MIN_RATE, MAX_RATE = 60, 1000
MAX_CONFIG_BYTES = 1_000_000


@dataclass
class CheckSettings:
    """Everything that changes how findings are produced or ranked."""

    ignore: set[str] = field(default_factory=set)
    chars_per_minute: int = DEFAULT_CHARS_PER_MINUTE
    severity: dict[str, str] = field(default_factory=dict)

    def enabled(self, rule: str) -> bool:
        """False when the rule or its family is ignored."""
        return rule not in self.ignore and rule.split(".", 1)[0] not in self.ignore

    def severity_of(self, rule: str) -> str:
        """The configured severity of ``rule`` (its default unless overridden)."""
        return (
            self.severity.get(rule)
            or self.severity.get(rule.split(".", 1)[0])
            or RULES[rule].severity
        )


def known_rule(name: str, where: str) -> str:
    """Return ``name`` if it is a rule id or family, else raise a Chinese error listing them."""
    if name in RULES or name in FAMILIES:
        return name
    listing = "、".join(sorted(RULES))
    raise UserError(
        f"{where}: 没有叫“{name}”的检查规则。可用的规则：{listing}（或规则族 {'、'.join(FAMILIES)}）"
    )


def make_settings(
    ignore: list[str], config: Path | None, chars_per_minute: int | None
) -> CheckSettings:
    """Combine the config file (if any) with the command line; the command line wins."""
    settings = CheckSettings()
    if config is not None:
        _apply_file(settings, config)
    for name in ignore:
        for part in name.split(","):
            if part.strip():
                settings.ignore.add(known_rule(part.strip(), "--ignore"))
    if chars_per_minute is not None:
        settings.chars_per_minute = _rate(chars_per_minute, "--chars-per-minute")
    return settings


def _apply_file(settings: CheckSettings, path: Path) -> None:
    """Read the YAML config file into ``settings``.

    It is read by the brief's strict loader (no aliases, tags or deep nesting, size
    capped, every error located); an empty file changes nothing.
    """
    from ..brief.files import read_user_text
    from ..brief.loader import parse_brief_text
    from ..errors import InputProblems

    label = f"检查配置文件 {path}"
    text = read_user_text(path, shown=label, noun="检查配置文件", limit=MAX_CONFIG_BYTES)
    try:
        data: Any = parse_brief_text(text, str(path), allow_empty=True).data
    except InputProblems as exc:
        problems = [replace(p, message=p.message.replace("简报", "配置文件")) for p in exc.problems]
        raise InputProblems(problems, summary=f"{label} 有问题，请修改后再运行。") from None
    if not isinstance(data, dict):
        raise UserError(f"{label}: 应为键值对，如 ignore: [punct.halfwidth]")
    for key in data:
        if key not in _KEYS:
            raise UserError(f"{label}: 不认识的设置“{key}”，可用的有 {'、'.join(_KEYS)}")
    ignore = data.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list):
        raise UserError(f"{label}: ignore 应为规则编号的列表")
    settings.ignore.update(known_rule(str(name), label) for name in ignore)
    if data.get("chars_per_minute") is not None:
        settings.chars_per_minute = _rate(data["chars_per_minute"], f"{label}: chars_per_minute")
    severity = data.get("severity") or {}
    if not isinstance(severity, dict):
        raise UserError(f"{label}: severity 应为“规则: error|warning|info”的键值对")
    for rule, level in severity.items():
        known_rule(str(rule), label)
        if level not in SEVERITIES:
            raise UserError(
                f"{label}: 规则 {rule} 的级别“{level}”无效，应为 error、warning 或 info"
            )
        settings.severity[str(rule)] = level


def _rate(value: Any, where: str) -> int:
    """A speaking rate within 60–1000 characters a minute (digits as the config file has them)."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_RATE <= value <= MAX_RATE:
        raise UserError(
            f"{where}: 语速应为 {MIN_RATE} 到 {MAX_RATE} 之间的整数（每分钟字数），这里是“{value}”"
        )
    return value
