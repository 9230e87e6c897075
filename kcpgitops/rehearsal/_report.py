"""What a rehearsal prints: per scenario the verdict, per stuck cluster one message, per cluster a wave timeline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ._engine import Stall
from ._world import Event

__all__ = ["Outcome", "as_json", "markdown"]

MARKDOWN_LIMIT = 60_000
"""A pull-request comment holds 65,536 characters; leave room for a header."""


@dataclass
class Outcome:
    """How one scenario went."""

    scenario: str
    """Scenario name."""
    kind: str
    """`convergence` or `fault`."""
    passed: bool
    """Whether it behaved as expected (converged, or stalled on the expected object)."""
    summary: str
    """One line: what happened against what was expected."""
    stalls: list[Stall] = field(default_factory=list)
    """One entry per stuck cluster when it did not converge."""
    failed_checks: list[str] = field(default_factory=list)
    """Scenario-specific checks that failed (e.g. "the renewed certificate reached cluster-2")."""
    events: list[Event] = field(default_factory=list)
    """The scenario's timeline."""
    simulated_seconds: float = 0.0
    """Simulated time the scenario took."""

    def as_dict(self) -> dict:
        """JSON form."""
        return {
            "scenario": self.scenario, "kind": self.kind, "passed": self.passed, "summary": self.summary,
            "stalls": [s.as_dict() for s in self.stalls], "failedChecks": self.failed_checks,
            "simulatedSeconds": self.simulated_seconds, "events": [e.as_dict() for e in self.events],
        }  # fmt: skip


def as_json(outcomes: list[Outcome]) -> str:
    """The whole report as JSON."""
    return json.dumps({"passed": all(o.passed for o in outcomes), "scenarios": [o.as_dict() for o in outcomes]}, indent=2)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:d}:{minutes:02d}:{secs:02d}"


# Timeline lines worth a reader's attention: the waves, the syncs, the person, Git, the jobs, failures.
_KEEP_ACTORS = {"person", "git", "dns", "cronjob"}
_KEEP_WORDS = ("wave", "sync", "stuck", "failed", "error", "Degraded", "waiting", "commit", "skipped", "rolled")


def _interesting(event: Event) -> bool:
    return event.actor in _KEEP_ACTORS or any(word in event.message for word in _KEEP_WORDS)


def markdown(outcomes: list[Outcome], *, timeline_for: set[str] | None = None, limit: int = MARKDOWN_LIMIT) -> str:
    """Markdown report; full timelines only for the scenarios in `timeline_for` (default: the first one)."""
    if timeline_for is None:
        timeline_for = {outcomes[0].scenario} if outcomes else set()
    lines = ["# Rollout rehearsal", "", "| scenario | kind | result | simulated | summary |", "|---|---|---|---|---|"]
    for o in outcomes:
        lines.append(f"| {o.scenario} | {o.kind} | {'pass' if o.passed else '**FAIL**'} | {_clock(o.simulated_seconds)} | {o.summary} |")
    for o in outcomes:
        if o.stalls or o.failed_checks:
            lines += ["", f"## {o.scenario}: {'expected stall' if o.passed else 'problems'}", ""]
            lines += [f"- {s.message()}" for s in o.stalls]
            lines += [f"- check failed: {c}" for c in o.failed_checks]
    body = "\n".join(lines) + "\n"
    for o in outcomes:
        if o.scenario not in timeline_for:
            continue
        section = [f"\n## Timeline: {o.scenario}\n"]
        clusters = sorted({e.cluster for e in o.events})
        for cluster in clusters:
            events = [e for e in o.events if e.cluster == cluster and _interesting(e)]
            if not events:
                continue
            section += [f"\n### {cluster or 'fleet (Git, DNS, the person)'}\n", "| time | actor | what |", "|---|---|---|"]
            section += [f"| {_clock(e.time)} | {e.actor} | {e.message.replace('|', '/')} |" for e in events]
        text = "\n".join(section) + "\n"
        if len(body) + len(text) > limit:
            room = limit - len(body) - 200
            text = text[: max(room, 0)].rsplit("\n", 1)[0] + f"\n\n(timeline cut at {limit} characters; `--json` has every event)\n"
        body += text
    return body
