"""Terminal output that never fails: every message and every requested text goes through here.

A console that cannot show a character (a GBK console on Windows) gets a replacement
character instead of an exception; output redirected to a file stays complete UTF-8.
"""

from __future__ import annotations

import sys


def echo_err(text: str) -> None:
    """Print to stderr without ever failing on a console that cannot show a character."""
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:
        stream.write(text.encode(encoding, "replace").decode(encoding, "replace") + "\n")
    stream.flush()


def echo_out(text: str) -> None:
    """Write requested output to stdout without losing characters.

    Redirected to a file or a pipe, the text goes out as UTF-8 whatever the console
    code page. On a console that cannot show a character (a GBK console on Windows)
    it is replaced, and a warning on stderr says to write to a file instead.
    """
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None and not stream.isatty():
            stream.flush()
            buffer.write(text.encode("utf-8"))
        else:
            stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))
            echo_err(
                f"提示：终端（{encoding}）显示不了部分字符，已用 ? 代替；请用 -o 文件名 保存完整内容"
            )
    stream.flush()
