"""Command palette entries: every binding of the current screen, briefings by title, notes by text.

The palette parses plain strings as markup, so titles and notes from files
are handed over as `Content` built from plain text, never as `str`.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from briefer.briefing.sanitize import clean_text

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from briefer.ui.app import BrieferApp

MAX_HITS = 30


def binding_commands(app: App, screen: Screen):
    """A palette command per action bound on `screen` (so the palette and the keys never disagree)."""
    from briefer.ui.dialogs.help import bindings_in_force

    seen: set[str] = set()
    for active in bindings_in_force(screen):
        binding = active.binding
        if binding.action in seen or binding.action in ("quit", "help", "app.quit"):
            continue  # one command per action; Textual's own palette has Quit and Keys
        seen.add(binding.action)
        keys = app.get_key_display(binding)
        yield SystemCommand(
            binding.description, f"key: {keys}", partial(app.run_action, binding.action, active.node)
        )


def plain_highlight(matcher: Matcher, text: str) -> Content:
    """Like Matcher.highlight, but the candidate is never read as markup."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class BrieferProvider(Provider):
    """A palette provider that reaches BrieferApp's own attributes through `briefer`."""

    @property
    def briefer(self) -> BrieferApp:
        # Provider types its app as any App and, unlike a widget, has no typed alternative.
        return cast("BrieferApp", self.app)


class BriefingsProvider(BrieferProvider):
    """Open a briefing of the library by its title."""

    def _entries(self):
        from briefer.ui.screens.library import LibraryScreen

        library = next((s for s in self.app.screen_stack if isinstance(s, LibraryScreen)), None)
        return [e for e in (library.entries if library else []) if not e.error]

    async def discover(self) -> Hits:
        for entry in self._entries()[:MAX_HITS]:
            yield DiscoveryHit(
                Content("open: " + clean_text(entry.title)), partial(self.briefer.open_briefing, entry.path)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            candidate = "open: " + clean_text(entry.title)
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    plain_highlight(matcher, candidate),
                    partial(self.briefer.open_briefing, entry.path),
                )


class NotesProvider(BrieferProvider):
    """Go to a note by its text, tags or passage."""

    async def startup(self) -> None:
        # Read once per palette opening, off the event loop: a year of notes takes seconds.
        store = self.briefer.store
        self.notes = await asyncio.to_thread(store.all_notes) if store is not None else []

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for note in self.notes:
            shown = " ".join(
                filter(None, [note.text, " ".join("#" + t for t in note.tags), "“" + note.target.exact + "”"])
            )
            candidate = "note: " + clean_text(" ".join(shown.split()))[:120]
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(score, plain_highlight(matcher, candidate), partial(self.briefer.open_note, note))
