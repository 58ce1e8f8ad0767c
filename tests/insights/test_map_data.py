"""The committed map of Europe is the world-atlas package's shapes, projected."""

import json
import os

import pytest
from django_countries import countries

from insights.management.commands.build_europe_map import alpha2
from insights.services.mapdata import (
    SHAPES_FILE,
    build_shapes,
    europe_shapes,
    source_path,
)


def test_committed_shapes_match_the_installed_package():
    source = source_path()
    if not source.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules/world-atlas is missing: npm ci")
        pytest.skip("world-atlas not installed (npm ci)")
    rebuilt = build_shapes(json.loads(source.read_text()), alpha2)
    assert rebuilt == json.loads(SHAPES_FILE.read_text())


def test_the_map_holds_every_eu_member_state():
    eu = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
    shapes = europe_shapes()["countries"]
    assert set(eu.split()) <= shapes.keys()
    assert all(code in countries or code == "XK" for code in shapes)
