"""The quote that went silent (报价后"蒸发"): a checklist walked one step per follow-up.

A customer whose stage is quoted, sample or negotiating and who has not replied since
our last follow-up gets, instead of the rotating topic, the next step of: check our own
offer and the product's fit, a price update, whether our mail arrived (spam filters),
the buyer being away or testing us, another contact at the company. Each step is a
topic of the follow-up log, so a step recorded is never suggested again until the
customer replies; without a log, the unanswered tries count the steps made (the first
unanswered try is the quote itself). When every step is done, the usual escalation
(hand over after 8 unanswered tries) takes over.
"""

from __future__ import annotations

import numpy as np

from xltrade.rules.log import CustomerLog

CHECKLIST: tuple[str, ...] = ("self_check", "price", "delivery", "away", "other_contact")
SILENT_STAGES = frozenset({"quoted", "sample", "negotiating"})


def is_silent(unanswered: float, last_contact: np.datetime64, last_reply: np.datetime64
              ) -> bool:
    """No reply since our last follow-up: unanswered tries, or (no count typed) a last
    contact after the last reply, or never a reply."""
    if unanswered == unanswered:  # a count: it says
        return unanswered >= 1
    if np.isnat(last_contact):
        return False
    return bool(np.isnat(last_reply) or last_reply < last_contact)


def _since_reply(log: CustomerLog | None) -> list[str | None]:
    """The topics logged since the customer's last logged reply, oldest first
    (``None`` for a try logged without one)."""
    if log is None:
        return []
    topics: list[str | None] = []
    for entry in log.entries:
        topics = [] if entry.replied else [*topics, entry.topic]
    return topics


def checklist_step(stage: object, unanswered: float, last_contact: np.datetime64,
                   last_reply: np.datetime64, log: CustomerLog | None) -> str | None:
    """The checklist step for this customer's next follow-up, or ``None`` when they are
    not a silent quote or every step is done.

    The log's topics say which steps were made. A try whose topic is unknown (not in
    the log, or logged without a topic) is taken as the next step in order, except the
    first unanswered try: the quote itself."""
    if stage not in SILENT_STAGES or not is_silent(unanswered, last_contact, last_reply):
        return None
    logged = _since_reply(log)
    count = int(unanswered) if unanswered == unanswered else 1
    unknown = max(count - len(logged), 0) - 1 + sum(1 for t in logged if t is None)
    done = set(CHECKLIST[:max(unknown, 0)]) | {t for t in logged if t}
    return next((step for step in CHECKLIST if step not in done), None)
