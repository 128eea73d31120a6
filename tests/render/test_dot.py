from __future__ import annotations

import re

from cjmap.analysis import analyse
from cjmap.config import Config
from cjmap.model import Journey
from cjmap.render import dot
from tests.render.conftest import GOLDEN


def test_dot_golden(laptop, golden) -> None:
    golden(GOLDEN / "buy-a-laptop.dot", dot.render(laptop, laptop.analyses["buy-a-laptop"], "dot").decode())


def test_quote_escapes_what_dot_would_read_as_syntax() -> None:
    assert dot.quote('say "hi"\\n\nnext') == '"say \\"hi\\"\\\\n\\nnext"'
    assert dot.quote("}; digraph evil {") == '"}; digraph evil {"'


def test_every_touchpoint_is_a_node_in_its_stage_cluster(laptop) -> None:
    source = dot.to_dot(laptop.analyses["buy-a-laptop"], (-2, 2))
    clusters = source.split("subgraph ")[1:]
    assert len(clusters) == 8
    assert '"cart" [label="★ Cart and delivery options' in clusters[2]
    assert 'color="#b00020" penwidth=3' in clusters[2]  # critical moment
    assert len(re.findall(r"^    \"[a-z0-9-]+\" \[label=", source, re.M)) == len(laptop.analyses["buy-a-laptop"].steps)


def test_colour_follows_the_scale() -> None:
    assert dot.colour(-2, (-2, 2)) == dot.RAMP[0] and dot.colour(2, (-2, 2)) == dot.RAMP[-1]
    assert dot.colour(0, (-3, 3)) == dot.RAMP[2] and dot.colour(None, (-2, 2)) == "#eeeeee"


def test_large_journeys_get_layout_limits() -> None:
    touchpoints = [{"id": f"t{i}", "name": f"T{i}", "channel": "web"} for i in range(dot.LARGE + 1)]
    journey = Journey.model_validate(
        {
            "kind": "journey",
            "id": "big",
            "title": "Big",
            "personas": ["p"],
            "stages": [{"id": "s", "name": "S", "touchpoints": touchpoints}],
        }
    )
    source = dot.to_dot(analyse(journey, Config()), (-2, 2))
    assert 'nslimit="1";' in source and 'mclimit="0.1";' in source
