"""Emoji and emoticons in a message, each classified friendly, sad, hostile or other."""

from __future__ import annotations

import re
from pathlib import Path

from ...model.schema import Obj, validate
from ...model.yamlsource import load_yaml

# Every emoji is made of characters above U+2000 (and ©, ®), a keycap ("1️⃣") starting
# with one of "#*0-9": emoji are looked for only in runs of such characters, which
# repeat from message to message ("🙏", "😊😊"), so each run is read once.
_EMOJI_RUN = re.compile(r"[#*0-9]?[\u00a9\u00ae\u2000-\U0010ffff]+")

# Every emoticon has one of these; most messages have none, and skip the long alternation.
_MAYBE_EMOTICON = re.compile(r"[:;=^<>\\|@]|-[_.]|T[_.T]|[xX]D|xx")

EMOJI_SPEC = Obj(
    required={"friendly": [str], "hostile": [str],
              "emoticons": Obj(required={"friendly": [str], "sad": [str], "hostile": [str]})},
    optional={"laughter": [str]},
    what="emoji table",
)


class EmojiTable:
    def __init__(self, path: Path):
        data, source = load_yaml(path)
        validate(data, EMOJI_SPEC, source)
        self.friendly_names = [w.lower() for w in data["friendly"]]
        self.hostile_names = [w.lower() for w in data["hostile"]]
        self.emoticon_kind = {}
        for kind, faces in data["emoticons"].items():
            for face in faces:
                self.emoticon_kind[face] = kind
        faces = sorted(self.emoticon_kind, key=len, reverse=True)
        # A face that starts with a letter ("xD", "TT") stands alone, not inside a word.
        # One that starts with ":;=" may follow a word, as people type it ("kak:)"), but
        # not a digit or another colon: a time ("10:30") or a ratio ("1:3"). No face may
        # run into a word or a "/" ("https://", "ket:Dikirim"). "^^" may follow a word.
        letters = [re.escape(f) for f in faces if f[0].isalnum()]
        colons = [re.escape(f) for f in faces if f[0] in ":;="]
        other = [re.escape(f) for f in faces if not (f[0].isalnum() or f[0] in ":;=")]
        # the leading look-ahead (a character some face starts with) spares the regex
        # engine the whole alternation at every other position of a message
        starts = "".join(sorted({re.escape(f[0]) for f in faces}))
        self.emoticon_re = re.compile(
            f"(?=[{starts}])"
            r"(?:(?<![\w:/])(?:" + "|".join(letters) + r")(?![\w/])"
            r"|(?<![\d:;=/])(?:" + "|".join(colons) + r")(?![\w/])"
            r"|(?:" + "|".join(other) + r")(?![\w/]))")
        self._kinds: dict[str, str] = {}
        self._runs: dict[str, tuple] = {}  # run of emoji-range characters -> its emoji
        laughter = data.get("laughter", [])
        for i, pattern in enumerate(laughter):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise source.error(("laughter", i), f"laughter: invalid regular expression: {exc}") from None
        self.laughter_re = re.compile("(?:" + "|".join(laughter) + ")", re.I) if laughter else None

    def kind(self, char: str) -> str:
        kind = self._kinds.get(char)
        if kind is None:
            import emoji

            name = emoji.EMOJI_DATA.get(char, {}).get("en", "").lower()
            if not name:  # skin tones and variation selectors make a sequence unknown
                base = "".join(c for c in char if c in emoji.EMOJI_DATA)
                name = emoji.EMOJI_DATA.get(base[:1], {}).get("en", "").lower()
            if any(w in name for w in self.hostile_names):
                kind = "hostile"
            elif any(w in name for w in self.friendly_names):
                kind = "friendly"
            else:
                kind = "other"
            self._kinds[char] = kind
        return kind

    def _emoji_in(self, run: str) -> tuple:
        found = self._runs.get(run)
        if found is None:
            import emoji

            found = tuple((item["match_start"], item["match_end"], item["emoji"], self.kind(item["emoji"]))
                          for item in emoji.emoji_list(run))
            if len(self._runs) < 50_000:
                self._runs[run] = found
        return found

    def is_laughter(self, word: str) -> bool:
        """Is this one word written laughter ("hehe", "wkwkwk", "χαχα")? Read per token."""
        return self.laughter_re is not None and self.laughter_re.fullmatch(word) is not None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, text, kind) of each emoji and emoticon, in order; written laughter
        is found word by word when a message is analysed (LangPack.analyse)."""
        found = []
        if not text.isascii():
            for run in _EMOJI_RUN.finditer(text):
                offset = run.start()
                for start, end, char, kind in self._emoji_in(run.group()):
                    found.append((start + offset, end + offset, char, kind))
        if _MAYBE_EMOTICON.search(text):
            for match in self.emoticon_re.finditer(text):
                found.append((match.start(), match.end(), match.group(), self.emoticon_kind[match.group()]))
        found.sort()
        return found
