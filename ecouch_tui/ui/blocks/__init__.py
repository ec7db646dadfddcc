"""The registry of block widgets, by block type (the YAML `type:`).

Kept as import paths so a page imports only the widgets it shows. A test checks
that every block type in `content.blocks` has a widget here.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecouch_tui.content.blocks.base import BlockBase
    from ecouch_tui.ui.blocks.base import BlockContext, BlockView

WIDGETS: dict[str, str] = {
    "markdown": "ecouch_tui.ui.blocks.markdown:MarkdownView",
    "callout": "ecouch_tui.ui.blocks.callout:CalloutView",
    "quiz": "ecouch_tui.ui.blocks.quiz:QuizView",
    "reflection": "ecouch_tui.ui.blocks.reflection:ReflectionView",
    "get_help": "ecouch_tui.ui.blocks.get_help:GetHelpView",
    "activity_log": "ecouch_tui.ui.blocks.activity_log:ActivityLogView",
    "thought_record": "ecouch_tui.ui.blocks.thought_record:ThoughtRecordView",
    "formulation": "ecouch_tui.ui.blocks.formulation:FormulationView",
    "activity_schedule": "ecouch_tui.ui.blocks.activity_schedule:ActivityScheduleView",
    "relaxation": "ecouch_tui.ui.blocks.relaxation:RelaxationView",
    "physical_activity": "ecouch_tui.ui.blocks.physical_activity:PhysicalActivityView",
    "interpersonal_inventory": "ecouch_tui.ui.blocks.interpersonal_inventory:InventoryView",
    "problem_solving": "ecouch_tui.ui.blocks.problem_solving:ProblemSolvingView",
    "staying_well_plan": "ecouch_tui.ui.blocks.staying_well_plan:StayingWellPlanView",
}


def widget_for(block: BlockBase, context: BlockContext) -> BlockView:
    module_name, _, class_name = WIDGETS[block.kind].partition(":")
    cls = getattr(import_module(module_name), class_name)
    return cls(block, context)
