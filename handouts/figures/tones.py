"""The figure's tones. Far-side limbs are a darker shade of the figure, never a paler one: on a card
the pale figure means the start pose (the picture legend says so), so a pale limb would read as one."""

from __future__ import annotations

from ..colors import mix

FAR_SHADE = 0.38  # how far toward the outline colour a far-side limb is darkened


def far_tone(fill: str, outline: str) -> str:
    """The fill of a limb on the far side: the near fill darkened toward the outline colour."""
    return mix(fill, outline, FAR_SHADE)
