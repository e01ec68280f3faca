"""Tiny 3D vector helpers (tuples, no NumPy: the figure has a few dozen points)."""

from __future__ import annotations

import math

Vec = tuple[float, float, float]


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def mul(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec) -> Vec:
    n = norm(a)
    return (a[0] / n, a[1] / n, a[2] / n) if n > 1e-12 else (0.0, 0.0, 0.0)


def lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def turn(a: Vec, toward: Vec, degrees: float) -> Vec:
    """Rotate unit vector ``a`` toward the perpendicular unit vector ``toward`` by ``degrees``."""
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return (a[0] * c + toward[0] * s, a[1] * c + toward[1] * s, a[2] * c + toward[2] * s)


class Frame:
    """An orthonormal frame: ``axis`` along the segment, ``front`` (anterior), ``left`` (the body's left)."""

    __slots__ = ("axis", "front", "left")

    def __init__(self, axis: Vec, front: Vec, left: Vec):
        self.axis = axis
        self.front = front
        self.left = left

    def bend(self, toward: str, degrees: float) -> Frame:
        """Rotate the axis toward front/back/left/right by ``degrees`` (the other axes follow)."""
        if not degrees:
            return self
        sign = 1.0 if toward in ("front", "left") else -1.0
        other = self.front if toward in ("front", "back") else self.left
        other = mul(other, sign)
        new_axis = turn(self.axis, other, degrees)
        new_other = turn(other, mul(self.axis, -1.0), degrees)
        new_other = mul(new_other, sign)
        if toward in ("front", "back"):
            return Frame(new_axis, new_other, self.left)
        return Frame(new_axis, self.front, new_other)

    def twist(self, degrees: float) -> Frame:
        """Rotate front and left about the axis (positive turns the front toward the left)."""
        if not degrees:
            return self
        return Frame(self.axis, turn(self.front, self.left, degrees), turn(self.left, mul(self.front, -1.0), degrees))

    def flip(self) -> Frame:
        """The same frame with its axis reversed, front and left kept: from 'up the trunk' to 'down the leg'.

        Frames here are only ever turned toward named directions, so handedness does not matter;
        'left' always stays the body's left.
        """
        return Frame(mul(self.axis, -1.0), self.front, self.left)
