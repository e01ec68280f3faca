"""A group of cards split between pages (render/cardflow.py): what stays and what follows."""

from __future__ import annotations

from handouts.render.cardflow import CardGroup
from handouts.render.page import PageState

from .fixed import Fixed


class Box(Fixed):
    """A card of a fixed height."""

    cards = 1


def test_the_cards_that_fit_stay_and_the_rest_follows_a_cards_gap_below():
    page = PageState()
    page.new_page()
    group = CardGroup([Box(100), Box(100), Box(100)], gap=6, page=page, per_page=4)
    assert group.getSpaceBefore() == 0  # a group without a heading starts where the story is
    here, rest = group.split(300, 210)
    assert here.wrap(300, 210)[1] == 206  # two cards and the gap between them
    assert [u.fixed for u in rest.units] == [100]
    # if the rest is placed on the same page (room left), it keeps a card's gap from the cards above it
    assert rest.getSpaceBefore() == 6


def test_a_group_that_fits_whole_is_not_split():
    page = PageState()
    page.new_page()
    group = CardGroup([Box(100), Box(100)], gap=6, page=page, per_page=4)
    assert group.wrap(300, 400)[1] == 206
    assert [type(part).__name__ for part in group.split(300, 400)] == ["CardStack"]


def test_a_page_takes_three_cards_where_they_fit():
    """The compact layout's 4 places a page: cards short enough for a third of the page go three (or more) a page."""
    page = PageState()
    page.new_page()
    units = [Box(200), Box(205), Box(210), Box(230), Box(190)]
    group = CardGroup(list(units), 6.0, page, 4)
    here, rest = group.split(530, 650)
    assert here.units == units[:3] and rest.units == units[3:]  # 200 + 205 + 210 + 2 gaps fit 650; a fourth does not
    reordered = CardGroup(list(units), 6.0, page, 4, reorder=True)
    here, _ = reordered.split(530, 650)
    assert len(here.units) == 3


def test_with_three_places_a_page_the_cards_that_make_it_fullest_go_on_it():
    """Taking cards in order fits two (250 + 210, then nothing fits the 184 pt left); three others fit."""
    page = PageState()
    page.new_page()
    units = [Box(250), Box(210), Box(240), Box(200), Box(195)]
    here, rest = CardGroup(list(units), 6.0, page, 4, reorder=True).split(530, 650)
    assert here.units == [units[1], units[3], units[4]] and rest.units == [units[0], units[2]]
    # in order (a program's numbered cards), or with two places a page, the first cards that fit stay
    here, _ = CardGroup(list(units), 6.0, page, 4).split(530, 650)
    assert here.units == units[:2]
    here, _ = CardGroup(list(units), 6.0, page, 2, reorder=True).split(530, 650)
    assert here.units == units[:2]
