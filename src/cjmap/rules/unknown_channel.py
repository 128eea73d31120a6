"""A touchpoint's channel is not in the workspace's vocabulary.

Built in: web, mobile-app, email, phone, chat, social, in-store, advertising, referral, mail,
event, sales, support, partner, other. Add your own with `channels = [...]` in cjmap.toml.

Failing:

    - id: help
      name: Live help
      channel: webchat       # did you mean `chat`?

Passing:

    - id: help
      name: Live help
      channel: chat
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem, suggest
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM106"
NAME = "unknown-channel"
SEVERITY = "error"


def check(workspace: Workspace) -> Iterator[Problem]:
    channels = workspace.config.channels
    for journey, s, _, t, tp in workspace.touchpoints():
        if tp.channel not in channels:
            hint = suggest(tp.channel, channels) or "add it to `channels` in cjmap.toml"
            yield journey.at((*touchpoint_loc(s, t), "channel"), f"unknown channel `{tp.channel}`", hint)
