"""A footer that keeps Back, Quit and Keys on a narrow terminal.

Textual's footer shows every key in order and cuts the line at the edge, which at 80
columns lost the keys that leave the screen. This one shows the essential keys always and
the others, in order, while they fit; the rest stay in the help (`?`).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ESSENTIAL_ACTIONS = frozenset({"back", "quit", "help", "app.help", "toggle_panes"})


class FittingFooter(Footer):
    """Footer keys that fit the width, the essential ones first."""

    _composed_width = 0

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._composed_width = self.size.width
        shown: dict[str, tuple] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                shown.setdefault(binding.action, (binding, enabled, tooltip))
        cost = {
            action: len(self.app.get_key_display(b)) + len(b.description) + 3
            for action, (b, _, _) in shown.items()
        }
        room = self.size.width - sum(cost[a] for a in shown if a in ESSENTIAL_ACTIONS)
        kept = []
        for action in shown:
            if action not in ESSENTIAL_ACTIONS:
                if cost[action] > room:
                    continue
                room -= cost[action]
            kept.append(action)
        self.styles.grid_size_columns = len(kept)
        for action in kept:
            binding, enabled, tooltip = shown[action]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            _, binding, enabled, tooltip = palette
            if len(self.app.get_key_display(binding)) + len(binding.description) + 4 <= room:
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width:
            self.refresh(recompose=True)
