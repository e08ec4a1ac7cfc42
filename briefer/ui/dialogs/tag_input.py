"""The tags field of the note and tag dialogs: `→` completes the tag being typed to a whole tag in use.

A tag shown half-completed looks finished (`#ukraine` with a dim `/peace-plan` was saved
as `#ukraine`), so the field completes to whole tags only: the dim suggestion is the
first candidate's whole remainder, `→` takes it, and `→` again steps to the next tag
starting with what was typed. A word that already is a tag in use shows no suggestion.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.suggester import Suggester
from textual.widgets import Input, Static

from briefer.briefing.sanitize import clean_text
from briefer.notes.tags import InvalidTag, parse_tags

# What comes before the tag being typed, its optional `#`, and the tag so far.
_LAST_TAG = re.compile(r"(?P<head>.*[ ,])?(?P<hash>#?)(?P<word>[^ ,]*)$", re.DOTALL)


def read_tags(field: Input, error: Static) -> list[str] | None:
    """The tags typed in `field` (separated by spaces or commas, `#` optional), or None after
    saying in `error` why one of them cannot be a tag (the rule of `briefer.notes.tags`)."""
    try:
        return parse_tags(field.value.replace(",", " "))
    except InvalidTag as exc:
        error.update(Text(f"Not a tag: {clean_text(str(exc))}", style="bold red"))
        return None


def split_last_tag(value: str) -> tuple[str, str]:
    """(everything before the tag being typed, that tag without its `#`)."""
    match = _LAST_TAG.match(value)
    assert match is not None  # the pattern matches any string
    return (match["head"] or "") + match["hash"], match["word"]


class TagSuggester(Suggester):
    """Suggests the first tag in use that starts with the tag being typed, unless it is one already."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = sorted(tags)

    def candidates(self, prefix: str) -> list[str]:
        return [tag for tag in self.tags if tag.startswith(prefix)] if prefix else []

    async def get_suggestion(self, value: str) -> str | None:
        head, word = split_last_tag(value)
        if word in self.tags:
            return None
        candidates = self.candidates(word)
        return head + candidates[0] if candidates else None


class TagInput(Input):
    """An Input for tags where `→` at the end completes, then cycles through, the tags in use."""

    def __init__(self, value: str, known_tags: list[str], *, id: str) -> None:
        self.tag_suggester = TagSuggester(known_tags)
        super().__init__(
            clean_text(value), placeholder="tags: key area/topic …", suggester=self.tag_suggester, id=id
        )
        # (what the user typed, the value `→` made of it): `→` again cycles from the same prefix.
        self._completion: tuple[str, str] | None = None

    def action_cursor_right(self, select: bool = False) -> None:
        if select or not self.cursor_at_end or not self.complete():
            super().action_cursor_right(select)

    def complete(self) -> bool:
        """Complete the tag being typed to the next tag in use; False if there is none to go to."""
        head, word = split_last_tag(self.value)
        typed = self._completion[0] if self._completion and self._completion[1] == self.value else word
        candidates = self.tag_suggester.candidates(typed)
        if not candidates or candidates == [word]:
            return False
        following = candidates[(candidates.index(word) + 1) % len(candidates)] if word in candidates else None
        self.value = head + (following or candidates[0])
        self.cursor_position = len(self.value)
        self._completion = (typed, self.value)
        return True
