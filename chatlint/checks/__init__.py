"""The closed set of check types. A rule's `check: {type: ...}` names one of these."""

from .answer import AnswerCheck
from .base import Check, Context, Hit
from .conversation import CONVERSATION_CHECKS
from .emoticon import EmoticonCheck
from .length import LengthCheck
from .name import NameCheck
from .phrases import PhrasesCheck
from .shouting import ShoutingCheck

CHECK_TYPES: dict[str, type[Check]] = {
    cls.type: cls
    for cls in (PhrasesCheck, EmoticonCheck, NameCheck, AnswerCheck, LengthCheck, ShoutingCheck,
                *CONVERSATION_CHECKS)
}

__all__ = ["CHECK_TYPES", "Check", "Context", "Hit"]
