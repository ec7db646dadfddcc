"""The words of the demo's fictional person, kept apart from the rules that place them.

Who they are: in their thirties, moved city eight months ago for a new job, lives with
their partner Chris; their sister Maya and their old friend Ben are far away now. Low
mood crept in over the winter. Everything here is invented; any likeness is chance.
Keys are the real course's block ids (modules/*.yaml); a block the demo has no words
for gets one of the general lines at the end of each table.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

#: A reflection block's id -> what the person wrote there.
REFLECTIONS: dict[str, str] = {
    "hopes": (
        "To have more good days than bad ones. To stop dreading Monday mornings, and "
        "to feel like I actually live here rather than just work here. I'd like to see "
        "friends again without having to talk myself into it for a whole day first."
    ),
    "my-threads": (
        "Stress, definitely: the move and the new job all at once. Mum has had low "
        "patches too. What keeps it going now is that I stay in when I feel flat, and "
        "then I feel flatter, and I tell myself I'm failing at the new life."
    ),
    "what-might-help-me": (
        "Talking to my GP about how long this has gone on. The self-help parts feel "
        "doable: walking and a regular bedtime. What gets in the way is telling myself "
        "it's not bad enough to bother anyone with."
    ),
    "mood-dip": (
        "Thursday after the team meeting. I'd said nothing again and thought 'they must "
        "wonder why they hired me'. Also Sunday night, thinking about the week ahead."
    ),
    "my-traps": (
        "Mind-reading, for sure: I decide what Helen or Ben thinks without asking. "
        "Fortune-telling about meetings. Next time: 'That's mind-reading. I don't know "
        "what she thinks until I ask.'"
    ),
    "what-matters-to-me": (
        "Friends, and feeling at home here. Small steps: text Aisha about lunch, and go "
        "to the Saturday market with Chris instead of staying in bed."
    ),
    "pattern-noticed": (
        "I give more than I get with Mum, and I've let the friendship with Ben drift "
        "since the move. Most of my support is Chris, which is a lot to put on one "
        "person. I'd like to make one friend here that is mine."
    ),
    "first-step": (
        "Say yes to the next invitation from work, even if I only stay an hour. And ring "
        "Ben on Sunday instead of waiting for him to message."
    ),
    "tension-spots": (
        "Shoulders and jaw, mostly at my desk in the afternoon. I'll link slow "
        "breathing to the kettle: every time I make tea, three slow breaths."
    ),
    "what-fits-me": (
        "Walking and cycling fit best: free, and the bike gets me to work. The pool is "
        "near the office. The hurdle is dark, wet evenings; when that happens I'll swim "
        "at lunchtime instead."
    ),
    "sleep-notice": (
        "No phone in bed. I scroll until one and wake up tired. What could get in the "
        "way: it's my alarm, so I'll buy a cheap alarm clock."
    ),
    "what-helped-most": (
        "Planning one enjoyable thing a day, even a small one, and rating it after: I "
        "nearly always enjoyed things more than I expected. Catching mind-reading "
        "thoughts. And the walks and swims. I noticed that moving helped more on the "
        "days I least wanted to."
    ),
}

#: For reflection blocks the demo has no words for (e.g. a course given with --modules).
GENERAL_REFLECTIONS: tuple[str, ...] = (
    "I noticed I feel better on days when I get outside, even for ten minutes.",
    "Writing it down helped. It looks smaller on the page than in my head.",
    "I'd like to try this for a week and see what changes.",
)

#: The person's own CBT cycle (module 2).
FORMULATION: dict[str, str] = {
    "situation": "Sunday evening. Chris was out and I had nothing planned for the week.",
    "thoughts": (
        "I've made a mess of moving here. I'll never feel settled. What's the point of trying."
    ),
    "feelings": "Sad, lonely, a bit hopeless.",
    "body": "Heavy and tired. Tight chest. Not hungry.",
    "behaviour": (
        "Lay on the sofa scrolling my phone, skipped dinner, went to bed late. Didn't "
        "reply to Maya."
    ),
}

#: (name, how strong at first, how strong after the balanced thought), 0-100.
Feeling = tuple[str, int, int]
#: (what went through the mind, how much it was believed 0-100, the "hot" one).
Thought = tuple[str, int, bool]

#: Thought records, oldest first. The first ones start as drafts (week 4 asks for the
#: first three steps only) and are finished the week after.
THOUGHT_RECORDS: tuple[dict[str, Any], ...] = (
    {
        "situation": "Tuesday, 4pm at work. Helen asked if I had a minute to talk about the "
        "monthly report.",
        "feelings": [("anxious", 80, 40), ("ashamed", 60, 20)],
        "thoughts": [
            ("I've done something wrong and she's going to say it isn't good enough.", 85, True),
            ("Everyone else here knows what they're doing.", 60, False),
        ],
        "evidence_for": "I sent the report a day late. She looked serious.",
        "evidence_against": (
            "Last month she said my summaries were clear. She wanted to ask about the board "
            "figures, not to criticise me. I've had no complaints since I started."
        ),
        "balanced": (
            "She may just have questions, which is normal for a report this size. Being a "
            "day late once is not the same as being bad at my job."
        ),
        "balanced_belief": 65,
    },
    {
        "situation": "Saturday. Messaged Ben about visiting; no reply by the evening.",
        "feelings": [("lonely", 75, 45), ("sad", 70, 40)],
        "thoughts": [
            ("He's moved on and doesn't want to stay friends.", 80, True),
            ("I always end up on my own.", 55, False),
        ],
        "evidence_for": "He took a few days to reply last time too.",
        "evidence_against": (
            "They have a new baby. Two weeks ago he wrote that he missed our walks. He has "
            "never ignored me on purpose."
        ),
        "balanced": (
            "Ben is busy with a newborn. A slow reply is about his weekend, not about me. "
            "I can ring him next week."
        ),
        "balanced_belief": 70,
    },
    {
        "situation": "Sunday night, thinking about Monday's team meeting.",
        "feelings": [("anxious", 70, 35), ("hopeless", 50, 20)],
        "thoughts": [
            ("I'll say something stupid and they'll all notice.", 75, True),
            ("This week will be as bad as last week.", 60, False),
        ],
        "evidence_for": "I went quiet in the last two meetings.",
        "evidence_against": (
            "Nobody has said I talk nonsense. Aisha agreed with my point about the rota. "
            "Last week had two good days in it, so it wasn't all bad."
        ),
        "balanced": (
            "I might feel nervous, and that's all right. I can prepare one point and say "
            "it. One quiet meeting doesn't make a bad week."
        ),
        "balanced_belief": 70,
    },
    {
        "situation": "Friday evening. Chris went out with his work friends; I stayed home.",
        "feelings": [("lonely", 65, 35), ("guilty", 40, 10)],
        "thoughts": [
            ("I'm dragging Chris down. He'd be happier without me.", 70, True),
        ],
        "evidence_for": "He goes out more than I do these days.",
        "evidence_against": (
            "He asked me to come. He texted that he wished I was there, and we had a nice "
            "breakfast the next morning."
        ),
        "balanced": (
            "Chris invited me because he wants me there. Feeling low makes me read things "
            "as rejection."
        ),
        "balanced_belief": 75,
    },
    {
        "situation": "Aisha spotted an error in my spreadsheet before it went out.",
        "feelings": [("ashamed", 50, 15), ("anxious", 40, 15)],
        "thoughts": [("I'm useless at this.", 50, True)],
        "evidence_for": "It was a silly mistake in a formula.",
        "evidence_against": (
            "She found it because we check each other's work: that's the system working. "
            "She makes mistakes too, and I caught one of hers last month."
        ),
        "balanced": "Everyone makes errors; catching them is why we check. I'm still learning "
        "this system.",
        "balanced_belief": 85,
    },
)

#: Which days something can happen on: "" any day, "weekday", "weekend", "sat", "sun".
Days = str


class Doing(NamedTuple):
    """Something done, for the activity diary: ratings as on an ordinary early day."""

    what: str
    when: str
    achievement: int
    enjoyment: int
    on: Days = ""


class Plan(NamedTuple):
    """Something planned, with how much the person expects to achieve and enjoy it."""

    what: str
    when: str
    achievement: int
    enjoyment: int
    on: Days = ""


Intensity = Literal["light", "moderate", "vigorous"]


class Movement(NamedTuple):
    activity: str
    minutes: int
    intensity: Intensity
    on: Days = ""


class Note(NamedTuple):
    """A mood note, with the tags it implies (a note about a swim means "exercised")."""

    text: str
    tags: tuple[str, ...] = ()
    on: Days = ""


def fits(on: Days, weekday: int) -> bool:
    """Whether something for `on` can happen on a day (Monday is 0)."""
    return {
        "": True,
        "weekday": weekday < 5,
        "weekend": weekday >= 5,
        "sat": weekday == 5,
        "sun": weekday == 6,
    }[on]


#: Week 1's first try at noticing the days.
FIRST_LOG: tuple[Doing, ...] = (
    Doing("Had a shower and got dressed", "11:00", 4, 2),
    Doing("Watched TV", "afternoon", 1, 3),
    Doing("Walked to the shop", "17:30", 4, 3),
    Doing("Made breakfast", "09:30", 3, 2),
    Doing("Called Mum", "evening", 3, 3),
)

#: The activity diary, from behavioural activation on.
ACTIVITIES: tuple[Doing, ...] = (
    Doing("Walked to the park", "after lunch", 5, 6),
    Doing("Cooked a proper dinner", "19:00", 6, 5),
    Doing("Called Maya", "evening", 3, 7),
    Doing("Tidied the kitchen", "10:00", 6, 2),
    Doing("Lunch with Aisha", "12:30", 3, 7, "weekday"),
    Doing("Paid the electricity bill", "morning", 7, 1),
    Doing("Read a chapter of my book", "21:30", 3, 6),
    Doing("Saturday market with Chris", "10:30", 4, 7, "sat"),
    Doing("Cleared my inbox", "09:00", 6, 2, "weekday"),
    Doing("Watered and repotted the basil", "18:00", 4, 5),
    Doing("Watched a film with Chris", "20:00", 2, 7),
    Doing("Sorted the boxes in the spare room", "morning", 8, 3, "weekend"),
    Doing("Made soup for the week", "17:00", 6, 5, "sun"),
    Doing("Coffee with the neighbour", "11:00", 4, 6, "weekend"),
    Doing("Board games at Aisha's", "evening", 4, 8),
    Doing("Wrote a birthday card for Ben's daughter", "20:30", 5, 6),
)

#: Week 3's first steps towards help, with how they went and a note.
FIRST_PLANS: tuple[tuple[Plan, int, int, str], ...] = (
    (
        Plan("Book a GP appointment to talk about how I've been", "9:00", 6, 1, "weekday"),
        8,
        4,
        "The GP was kind and didn't rush me. Follow-up in four weeks.",
    ),
    (Plan("Ask Chris to come for a walk by the river", "after lunch", 3, 3), 5, 7, ""),
)

#: The activity schedule, from behavioural activation on.
PLANS: tuple[Plan, ...] = (
    Plan("Lunch with Aisha", "12:30", 2, 4, "weekday"),
    Plan("Swim before work", "7:30", 6, 3, "weekday"),
    Plan("Phone Ben", "19:00", 3, 4),
    Plan("Go to the Saturday market with Chris", "10:00", 3, 5, "sat"),
    Plan("Cook something new", "18:30", 5, 4),
    Plan("Walk round the lake", "after lunch", 4, 4, "weekend"),
    Plan("Say one thing in the team meeting", "10:00", 5, 1, "weekday"),
    Plan("Library: pick up the book Maya recommended", "17:30", 3, 4),
    Plan("Pub quiz with the people from work", "19:30", 2, 3, "weekday"),
    Plan("Clear out the hall cupboard", "morning", 6, 1, "weekend"),
    Plan("Visit the gallery on the high street", "14:00", 3, 5, "weekend"),
)

#: Notes for a plan that was done; a plan that was not done gets one of SKIPPED.
PLAN_NOTES: tuple[str, ...] = (
    "",
    "",
    "Nearly cancelled. Glad I didn't.",
    "Better than I thought it would be.",
    "",
    "Only stayed an hour, and that was fine.",
)
SKIPPED: tuple[str, ...] = (
    "Too tired. Moved it to next week.",
    "It rained all day. Did a short walk instead.",
)

#: The physical activity log.
MOVEMENT: tuple[Movement, ...] = (
    Movement("Brisk walk at lunchtime", 30, "moderate", "weekday"),
    Movement("Cycled to work and back", 40, "moderate", "weekday"),
    Movement("Swim", 30, "moderate"),
    Movement("Walk round the lake", 45, "moderate", "weekend"),
    Movement("Yoga class", 50, "light"),
    Movement("Jog in the park", 20, "vigorous"),
    Movement("Gardening at the allotment", 60, "light", "weekend"),
)

#: The interpersonal inventory: one person's fields each (see content/blocks).
PEOPLE: tuple[dict[str, Any], ...] = (
    {
        "name": "Chris",
        "closeness": 1,
        "support_received": 9,
        "support_given": 6,
        "good": "Kind, funny, patient. Sunday breakfasts.",
        "hard": "I lean on him for everything since the move.",
        "talk_about": "Nearly anything, work, plans.",
        "cant_talk_about": "How lonely I've been; I don't want him to feel it's his fault.",
        "arguments": "Rarely. I go quiet and we make up by the evening.",
        "change": "Tell him more of how I feel, and make plans that aren't only with him.",
    },
    {
        "name": "Maya (sister)",
        "closeness": 1,
        "support_received": 7,
        "support_given": 7,
        "good": "She gets me. We laugh at the same things.",
        "hard": "Three hours away; we talk less than we used to.",
        "talk_about": "Family, books, Mum.",
        "cant_talk_about": "Money.",
        "arguments": "About Mum, sometimes. Short, and we sort it out.",
        "change": "A regular phone call, Wednesdays.",
    },
    {
        "name": "Mum",
        "closeness": 2,
        "support_received": 4,
        "support_given": 8,
        "good": "She cares a lot.",
        "hard": "Calls are mostly her worries; I come away drained.",
        "talk_about": "Her health, the neighbours, the garden.",
        "cant_talk_about": "My low mood. She'd worry.",
        "arguments": "I give in to keep the peace.",
        "change": "Shorter calls, and tell her a bit about how I am.",
    },
    {
        "name": "Ben (old friend)",
        "closeness": 2,
        "support_received": 5,
        "support_given": 5,
        "good": "Twenty years of friendship. Long walks.",
        "hard": "We drifted after I moved, and he has a new baby.",
        "talk_about": "Old times, football, walking routes.",
        "cant_talk_about": "",
        "arguments": "",
        "change": "Ring instead of waiting for him to message.",
    },
    {
        "name": "Aisha (colleague)",
        "closeness": 3,
        "support_received": 5,
        "support_given": 4,
        "good": "Friendly, asked me to lunch in my first week.",
        "hard": "I keep saying no to things.",
        "talk_about": "Work, food, her allotment.",
        "cant_talk_about": "",
        "arguments": "",
        "change": "Say yes to lunch. Maybe a friend, not just a colleague.",
    },
    {
        "name": "Helen (manager)",
        "closeness": 3,
        "support_received": 5,
        "support_given": 3,
        "good": "Fair and clear.",
        "hard": "I read every comment of hers as criticism.",
        "talk_about": "Work only.",
        "cant_talk_about": "That I've been struggling.",
        "arguments": "",
        "change": "Ask for feedback instead of guessing.",
    },
)

PROBLEM_AREA = "role_transition"
INVENTORY_NOTES = (
    "The move changed everything at once: new job, new city, no friends of my own here "
    "yet. I miss who I was back home. The change fits best, with some isolation in it."
)

#: The problem worked through in module 11: what it is, the options with their pros
#: and cons, the one chosen, the plan, and the review a week later.
PROBLEM = (
    "Evenings vanish into my phone. I'm not asleep until after one, then tired and low "
    "all the next day."
)
PROBLEM_OPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Leave the phone charging in the kitchen from 10pm",
        "Simple, free; Chris will do it too",
        "It's my alarm; I'll miss messages",
    ),
    ("Delete the social apps", "No more scrolling", "I'd just use the browser"),
    ("A bedtime alarm at 10:15 to start winding down", "A clear reminder", "Easy to snooze"),
    ("Read a book in bed instead", "I like reading", "Doesn't stop me picking up the phone"),
)
PROBLEM_CHOSEN = 0
PROBLEM_PLAN = (
    "From Monday: buy a cheap alarm clock on the way home. Phone on the kitchen charger "
    "at 10pm, book on the pillow. Chris is in. Check on Sunday how many nights I managed."
)
PROBLEM_REVIEW = (
    "Five nights out of seven. Asleep by half eleven on those nights, and mornings were "
    "easier. Forgot on Friday; that's fine. Keeping it."
)

#: The staying-well plan (module 12), by section.
STAYING_WELL: dict[str, str] = {
    "what_helped": (
        "Planning one enjoyable thing a day and rating it after. Catching mind-reading. "
        "Moving most days: walks, the bike, swimming."
    ),
    "daily_habits": (
        "Up by 7:30, even at weekends. Outside every day. Phone in the kitchen at 10pm. "
        "Lunch with someone twice a week."
    ),
    "warning_signs": (
        "Staying in at weekends. Scrolling late. Not replying to Maya. Thinking people "
        "are annoyed with me."
    ),
    "triggers": (
        "Busy weeks before the board report. Dark winter evenings. Chris away for work. "
        "Being left out of plans."
    ),
    "if_signs_return": (
        "Go back to the activity schedule and plan small things. Tell Chris. Ring Maya. "
        "Do the check-in; if it's moderate or worse two weeks running, book the GP."
    ),
    "people": "Chris. Maya (Wednesdays, or any time). Aisha. Ben.",
    "professionals": (
        "My GP at the health centre. The employee assistance line through work. F1 for "
        "crisis lines."
    ),
}

#: Mood notes for low (0-3), middling (4-5) and good (6-10) days.
MOOD_NOTES: dict[str, tuple[Note, ...]] = {
    "low": (
        Note("Hard to get up. Stayed in most of the day.", ("alone a lot",)),
        Note("Flat all day. Cancelled on Aisha.", ("alone a lot",)),
        Note("Bad night, foggy at work.", ("slept badly",), "weekday"),
        Note("Sunday dread again.", (), "sun"),
        Note("Didn't want to talk to anyone.", ("alone a lot",)),
        Note("Cried after the call with Mum."),
        Note("Deadline day. Snapped at Chris, then felt awful.", ("stressed",), "weekday"),
    ),
    "mid": (
        Note("Okay day. Managed a short walk.", ("got outside",)),
        Note("Work busy but fine.", (), "weekday"),
        Note("Rang Mum. Tiring, but nice to hear her."),
        Note("Tired, but got the washing done."),
        Note("Quiet day. Read for a bit."),
        Note("Nervous about the meeting, but it went all right.", ("stressed",), "weekday"),
    ),
    "good": (
        Note("Swam before work and felt clear-headed all morning.", ("exercised",), "weekday"),
        Note("Lunch with Aisha. Laughed properly.", ("saw friends",), "weekday"),
        Note("Market with Chris, cooked together after.", ("got outside",), "sat"),
        Note("Long chat with Ben on the phone."),
        Note("Spoke up in the team meeting!", (), "weekday"),
        Note("Sunny walk round the lake.", ("got outside", "exercised")),
        Note("Good day. Didn't have to push myself."),
        Note("Board games night. Stayed till the end.", ("saw friends",)),
    ),
}
