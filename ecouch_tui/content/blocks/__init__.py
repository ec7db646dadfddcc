"""The registry of block types.

A new block type is one model here (a file, plus one line in the Block union), one widget
in `ui/blocks/` registered under the same name, and their tests. The union below is
what a page's `blocks:` list accepts and what `ecouch schema` describes.
"""

from __future__ import annotations

from typing import TypeAlias, get_args

from ecouch_tui.content.blocks.activity_log import ActivityEntry, ActivityLogBlock
from ecouch_tui.content.blocks.activity_schedule import ActivityScheduleBlock, PlannedActivity
from ecouch_tui.content.blocks.base import BlockBase
from ecouch_tui.content.blocks.callout import CalloutBlock
from ecouch_tui.content.blocks.formulation import Formulation, FormulationBlock
from ecouch_tui.content.blocks.get_help import GetHelpBlock
from ecouch_tui.content.blocks.interpersonal_inventory import (
    InterpersonalInventoryBlock,
    Inventory,
)
from ecouch_tui.content.blocks.markdown import MarkdownBlock
from ecouch_tui.content.blocks.physical_activity import ActivitySession, PhysicalActivityBlock
from ecouch_tui.content.blocks.problem_solving import ProblemSolving, ProblemSolvingBlock
from ecouch_tui.content.blocks.quiz import QuizBlock, QuizResponse
from ecouch_tui.content.blocks.reflection import ReflectionBlock, ReflectionResponse
from ecouch_tui.content.blocks.relaxation import RelaxationBlock, RelaxationSession
from ecouch_tui.content.blocks.staying_well_plan import StayingWellPlan, StayingWellPlanBlock
from ecouch_tui.content.blocks.thought_record import ThoughtRecord, ThoughtRecordBlock
from ecouch_tui.content.safety_plan import KIND as SAFETY_PLAN
from ecouch_tui.content.safety_plan import SafetyPlan

#: What a page's `blocks:` list accepts (msgspec decodes it by each block's tag).
Block: TypeAlias = (
    MarkdownBlock
    | CalloutBlock
    | GetHelpBlock
    | QuizBlock
    | ReflectionBlock
    | ThoughtRecordBlock
    | FormulationBlock
    | ActivityLogBlock
    | ActivityScheduleBlock
    | RelaxationBlock
    | PhysicalActivityBlock
    | InterpersonalInventoryBlock
    | ProblemSolvingBlock
    | StayingWellPlanBlock
)

#: The same classes, in order, for code that walks the registry.
BLOCK_TYPES: tuple[type[BlockBase], ...] = get_args(Block)

#: The storage shape (typed JSON) of everything a user can write, by entry kind.
DATA_TYPES: dict[str, type] = {
    "quiz": QuizResponse,
    "reflection": ReflectionResponse,
    "thought_record": ThoughtRecord,
    "formulation": Formulation,
    "activity_log": ActivityEntry,
    "activity_schedule": PlannedActivity,
    "relaxation": RelaxationSession,
    "physical_activity": ActivitySession,
    "interpersonal_inventory": Inventory,
    "problem_solving": ProblemSolving,
    "staying_well_plan": StayingWellPlan,
    SAFETY_PLAN: SafetyPlan,
}

KINDS: tuple[str, ...] = tuple(str(b.__struct_config__.tag) for b in BLOCK_TYPES)

#: Kinds with one entry per user, whichever block shows it.
SHARED_KINDS: frozenset[str] = frozenset(
    {str(b.__struct_config__.tag) for b in BLOCK_TYPES if b.shared} | {SAFETY_PLAN}
)
