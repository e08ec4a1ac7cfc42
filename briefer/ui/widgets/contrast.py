"""Readable layered colours: component backgrounds blended as the CSS says, text kept at WCAG AA.

Textual's partial component styles drop a colour's alpha, so `$accent 35%` would paint the
full accent (light grey text on bright orange). Here each layer's colours are blended over the
ones beneath, and text that would fall below 4.5:1 against its background takes the widget's
own text colour, or black or white, whichever reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from textual.color import BLACK, WHITE, Color
from textual.css.styles import RenderStyles

AA = 4.5  # WCAG 2 AA for normal text


def luminance(color: Color) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: Color, second: Color) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: Color, background: Color, preferred: Color) -> Color:
    """`color` if it reads on `background`, else `preferred`, else black or white (one always does)."""
    for candidate in (color, preferred):
        if contrast_ratio(candidate, background) >= AA:
            return candidate
    return max((BLACK, WHITE), key=lambda extreme: contrast_ratio(extreme, background))


def layered_colors(layers: Sequence[RenderStyles], background: Color, color: Color) -> tuple[Color, Color]:
    """The (text, background) colours of `layers` painted in order over a widget's colours."""
    text = color
    for styles in layers:
        if styles.has_rule("background"):
            background = background + styles.background
        if styles.has_rule("color"):
            text = background.get_contrast_text() if styles.auto_color else background + styles.color
    return readable(text, background, color), background


def layered_style(
    components: Sequence[str],
    component_styles: Callable[[str], RenderStyles],
    text_style: Callable[[str], Style],
    base: Style,
    background: Color,
    color: Color,
) -> Style:
    """A rich Style for text under `components` (later ones on top), readable by construction."""
    text, fill = layered_colors([component_styles(c) for c in components], background, color)
    style = base
    for component in components:
        style += text_style(component).without_color
    return style + Style(color=text.rich_color, bgcolor=fill.rich_color)
