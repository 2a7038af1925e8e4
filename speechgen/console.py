"""Safe terminal output: every message and every piece of requested output goes through here.

A Chinese Windows console encodes stdout and stderr as GBK (cp936), which cannot show
some characters speechgen prints (the ¶ of a check location, an emoji a writer pasted
into a brief). Nothing printed may ever stop a command, so:

* :func:`echo_err` writes a message line to stderr; a character the stream's encoding
  cannot show becomes a close stand-in (``¶`` → ``§``) or ``?``;
* :func:`echo_out` writes requested output (a speech with ``-o -``, a check report, a
  schema) to stdout. Redirected to a file or a pipe whose encoding is not UTF-8, it
  goes out as UTF-8 bytes, every time, so a saved report is one encoding from start
  to end and loses nothing. On a terminal it is shown like :func:`echo_err`, with a hint
  (once) that some characters were replaced.
"""

from __future__ import annotations

import codecs
import sys
from typing import Any, TextIO

# Stand-ins a GBK console can show for characters speechgen itself prints.
_STAND_INS = {
    "¶": "§",
    "•": "·",
    "░": "-",
    "✓": "√",
    "✗": "×",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
}
_ERROR_HANDLER = "speechgen-console"
_state = {"hinted": False}


def _stand_in(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a stand-in character, or ``?``, for what the encoding cannot show."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    replaced = []
    for ch in bad:
        stand_in = _STAND_INS.get(ch, "?")
        try:
            stand_in.encode(exc.encoding)
        except (UnicodeEncodeError, LookupError):
            stand_in = "?"
        replaced.append(stand_in)
    return "".join(replaced), exc.end


codecs.register_error(_ERROR_HANDLER, _stand_in)


def _encoding(stream: Any) -> str:
    """The stream's encoding (UTF-8 when it does not say)."""
    return getattr(stream, "encoding", None) or "utf-8"


def _is_utf(encoding: str) -> bool:
    """True for the UTF encodings, which can show every character."""
    return codecs.lookup(encoding).name.startswith("utf")


def showable(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` cannot show replaced by a stand-in or ``?``."""
    try:
        return text.encode(encoding, _ERROR_HANDLER).decode(encoding, "replace")
    except LookupError:
        return text.encode("ascii", _ERROR_HANDLER).decode("ascii")


def _write_shown(stream: TextIO, text: str) -> bool:
    """Write ``text`` as the stream can show it; return True when characters were replaced."""
    try:
        stream.write(text)
        return False
    except UnicodeEncodeError:
        stream.write(showable(text, _encoding(stream)))
        return True


def echo_err(text: str) -> None:
    """Write one message line to stderr; never fails on a console that cannot show a character."""
    write(sys.stderr, text + "\n")


def write(stream: TextIO | None, text: str) -> None:
    """Write ``text`` to a text stream as it can show it, and flush (nothing without a stream)."""
    if stream is None:  # pythonw: no console at all
        return
    _write_shown(stream, text)
    stream.flush()


def echo_out(text: str) -> None:
    """Write requested output to stdout, losing nothing when it is redirected (see the module doc)."""
    stream = sys.stdout
    if stream is None:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and not _isatty(stream) and not _is_utf(_encoding(stream)):
        stream.flush()
        buffer.write(text.encode("utf-8", "replace"))
        buffer.flush()
        return
    if _write_shown(stream, text) and not _state["hinted"]:
        _state["hinted"] = True
        echo_err(
            f"提示：终端（{_encoding(stream)}）显示不了部分字符，已用相近字符或 ? 代替；"
            "请把输出保存到文件（如 > 结果.txt 或 -o 文件名）查看完整内容"
        )
    stream.flush()


def _isatty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
