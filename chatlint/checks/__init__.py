"""The closed set of check types. A rule's `check: {type: ...}` names one of these."""

from .answer import AnswerCheck
from .base import Check, Context, Hit
from .emoticon import EmoticonCheck
from .length import LengthCheck
from .name import NameCheck
from .phrases import PhrasesCheck
from .shouting import ShoutingCheck

CHECK_TYPES: dict[str, type[Check]] = {
    cls.type: cls
    for cls in (PhrasesCheck, EmoticonCheck, NameCheck, AnswerCheck, LengthCheck, ShoutingCheck)
}

__all__ = ["CHECK_TYPES", "Check", "Context", "Hit"]
