"""The rule registry: one module per rule, each with a stable code, a name and a docstring.

A rule module defines CODE, NAME, SEVERITY (the default) and, unless the loader or the models
report its findings, `check(workspace)`: a generator of problems. Its docstring is the
documentation `cjmap rules` prints, with a passing and a failing example.
"""

from __future__ import annotations

from types import ModuleType

from cjmap.rules import (
    duplicate_id,
    duplicate_key,
    emotion_out_of_range,
    empty_stage,
    improvement_without_owner,
    invalid_file,
    metric_out_of_range,
    missing_emotion,
    missing_objectives,
    pain_without_opportunity,
    schema,
    single_scope,
    stale_review,
    too_many_personas,
    unbacked_emotion,
    unexplained_low_emotion,
    unknown_channel,
    unknown_reference,
    unreachable_touchpoint,
    unsupported_frontstage,
    unused_persona,
    yaml_syntax,
)

RULES: tuple[ModuleType, ...] = (
    invalid_file,
    yaml_syntax,
    duplicate_key,
    schema,
    duplicate_id,
    unknown_reference,
    unknown_channel,
    emotion_out_of_range,
    metric_out_of_range,
    too_many_personas,
    empty_stage,
    missing_emotion,
    unexplained_low_emotion,
    pain_without_opportunity,
    improvement_without_owner,
    missing_objectives,
    unbacked_emotion,
    stale_review,
    single_scope,
    unreachable_touchpoint,
    unused_persona,
    unsupported_frontstage,
)
RULES_BY_KEY: dict[str, ModuleType] = {key: rule for rule in RULES for key in (rule.CODE, rule.NAME)}
