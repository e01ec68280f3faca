"""Draws the demo clinic's logo (logo.png) with Pillow: a spine of rounded vertebrae in a circle.

Run it from anywhere: python assets/clinic/make_logo.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 400  # enough for the booklet cover: 1.1 in at 300 dpi is 330 pixels
SCALE = 4  # draw large, then shrink: smooth edges


def draw_logo() -> Image.Image:
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    teal = (20, 105, 120, 255)
    light = (236, 246, 247, 255)
    draw.ellipse((0, 0, big - 1, big - 1), fill=teal)
    draw.ellipse((big * 0.06, big * 0.06, big * 0.94, big * 0.94), outline=light, width=int(big * 0.02))
    # seven vertebrae along a gentle S-curve, smaller towards the top
    count = 7
    for i in range(count):
        t = i / (count - 1)
        y = big * (0.78 - 0.52 * t)
        x = big * (0.5 + 0.07 * math.sin(t * math.pi * 1.6 - 0.4))
        w = big * (0.24 - 0.09 * t)
        h = big * (0.075 - 0.02 * t)
        angle = 10 * math.cos(t * math.pi * 1.6 - 0.4)
        box = Image.new("RGBA", (int(w) + 8, int(h) + 8), (0, 0, 0, 0))
        ImageDraw.Draw(box).rounded_rectangle((4, 4, int(w) + 3, int(h) + 3), radius=int(h / 2.2), fill=light)
        box = box.rotate(angle, resample=Image.BICUBIC, expand=True)
        image.alpha_composite(box, (int(x - box.width / 2), int(y - box.height / 2)))
    # a leaf at the top: growth and recovery
    leaf = Image.new("RGBA", (int(big * 0.16), int(big * 0.09)), (0, 0, 0, 0))
    ImageDraw.Draw(leaf).ellipse((0, 0, leaf.width - 1, leaf.height - 1), fill=(150, 205, 120, 255))
    leaf = leaf.rotate(35, resample=Image.BICUBIC, expand=True)
    image.alpha_composite(leaf, (int(big * 0.47), int(big * 0.11)))
    return image.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    target = Path(__file__).with_name("logo.png")
    draw_logo().save(target, optimize=True)
    print(f"wrote {target}")
