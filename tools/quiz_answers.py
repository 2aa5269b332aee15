"""Write ``book/quiz-answers.md``, the trainers' answer key to every quiz (``make quiz-answers``).

Why generated: the answers live once, in the quiz banks; the page is rebuilt from them and a
test fails when the committed page is out of date, so the key can never disagree with a quiz.
"""

from __future__ import annotations

import sys

from exercises.core.quiz import banks, load_bank
from tools.course import ROOT

PAGE = ROOT / "book" / "quiz-answers.md"
TITLES = {"why_partnership": "Module 1", "legal_framework": "Module 2", "process_roles": "Module 3",
          "partner_selection": "Module 4", "formalising": "Module 5", "budgeting": "Module 6",
          "assistance": "Module 7", "reporting": "Module 8"}


def render() -> str:
    lines = ["# Quiz answers", "",
             "The answer key to the concept-check quiz at the end of each lab. This page is generated from the",
             "quiz banks (`exercises/<lab>/quiz.json`) by `make quiz-answers`: edit the banks, not this page.", ""]
    for lab in sorted(banks(), key=lambda name: (TITLES.get(name, "Module 9"), name)):
        lines += [f"## {TITLES.get(lab, lab)} (`{lab}`)", ""]
        for q in load_bank(lab):
            right = next(o for o in q["options"] if o["correct"])
            lines += [f"**{q['id']}.** {q['question']}", "",
                      f"- Answer: {right['text']}. {right['feedback']}"]
            for o in q["options"]:
                if not o["correct"]:
                    lines.append(f"- Not: {o['text']}. {o['feedback']}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
