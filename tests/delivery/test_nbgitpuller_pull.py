"""nbgitpuller's puller on local repositories: the course arrives in an empty home, later versions
arrive without touching the trainee's work, as nbgitpuller's documentation ("Automatic Merging
Behavior") says:

1. upstream changed a file the trainee did not change: the new version arrives (new files too);
2. trainee and upstream changed different lines of the same file: both changes are kept;
3. both changed the same lines: the trainee's version is kept;
4. the trainee deleted a file that upstream still has: it comes back;
5. the trainee made a file with the name of a new upstream file: the trainee's file is renamed
   (a timestamp before the extension) and upstream's file takes the name.

Also: the trainee's saved work (``my_work/``, ignored by git) and their own new notebooks are
never touched. The puller is the class the hub's ``git-pull`` link runs
(``nbgitpuller.pull.GitPuller``); upstream is a bare repository reached over ``file://`` so the
clone is shallow (depth 1), as on a hub.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgitpuller.pull import GitPuller

GIT_ID = ["-c", "user.name=Course author", "-c", "user.email=author@example.org", "-c", "commit.gpgsign=false"]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *GIT_ID, *args], cwd=cwd, check=True, capture_output=True, text=True,
                          timeout=60).stdout


def lab_notebook() -> nbformat.NotebookNode:
    """A small lab like the course's: an import cell, a task with a blank, a chart cell."""
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Lab\n\nRead the task, then fill in the blank.", id="intro"),
        new_code_cell("from exercises import lab\nfrom exercises.core import ____", id="imports"),
        new_code_cell("lab.tasks.q1.check(____)", id="task"),
        new_markdown_cell("## Figures", id="figures-intro"),
        new_code_cell("lab.figures()", id="figures"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_nb(path: Path, nb: nbformat.NotebookNode) -> None:
    nbformat.write(nb, str(path))  # JupyterLab saves the same way: JSON, indent 1


def cell(path: Path, cell_id: str) -> dict:
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)  # a merged notebook must still be a valid notebook
    return next(c for c in nb.cells if c.id == cell_id)


@pytest.fixture
def course(tmp_path):
    """An author's working copy, its bare "upstream" (what the hub pulls) and a trainee's home."""
    author = tmp_path / "author"
    (author / "notebooks").mkdir(parents=True)
    (author / "data").mkdir()
    (author / ".gitignore").write_text("my_work/\n.ipynb_checkpoints/\n")
    write_nb(author / "notebooks" / "lab.ipynb", lab_notebook())
    (author / "data" / "figures.csv").write_text("year,agreements\n2022,1200\n2023,1500\n")
    (author / "README.md").write_text("# Course\n")
    git(author, "init", "-q", "-b", "main")
    git(author, "add", "-A")
    git(author, "commit", "-q", "-m", "Course, first version")
    upstream = tmp_path / "upstream.git"
    git(tmp_path, "clone", "-q", "--bare", str(author), str(upstream))
    git(author, "remote", "add", "origin", str(upstream))
    home = tmp_path / "home" / "trainee"
    home.mkdir(parents=True)
    return {"author": author, "url": upstream.as_uri(), "home": home, "clone": home / "course"}


def pull(course) -> list[str]:
    """What the hub does when the trainee opens the nbgitpuller link."""
    return list(GitPuller(course["url"], str(course["clone"]), branch="main").pull())


def publish(course, message: str) -> None:
    git(course["author"], "add", "-A")
    git(course["author"], "commit", "-q", "-m", message)
    git(course["author"], "push", "-q", "origin", "main")


def test_first_pull_puts_the_course_into_an_empty_home(course):
    assert not course["clone"].exists()
    pull(course)
    clone, author = course["clone"], course["author"]
    assert (clone / "notebooks" / "lab.ipynb").read_bytes() == (author / "notebooks" / "lab.ipynb").read_bytes()
    assert (clone / "data" / "figures.csv").read_text().endswith("2023,1500\n")
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"  # depth 1, as on a hub


def test_update_keeps_the_trainees_work_and_brings_upstream_changes(course):
    pull(course)
    clone, author = course["clone"], course["author"]

    # The trainee works: runs every cell (new counts and outputs everywhere), fills in the blank of
    # the task cell, saves work, makes a notebook of their own.
    nb = nbformat.read(str(clone / "notebooks" / "lab.ipynb"), as_version=4)
    for count, code in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1):
        code.execution_count = count
        code.outputs = [new_output("stream", name="stdout", text=f"ran cell {count}\n")]
    next(c for c in nb.cells if c.id == "task").source = 'lab.tasks.q1.check("hromada")'
    write_nb(clone / "notebooks" / "lab.ipynb", nb)
    (clone / "my_work").mkdir()
    portfolio = b'{"schema": 1, "progress": {"q1": "done"}, "work": {}, "saved_at": null}'
    (clone / "my_work" / "portfolio.json").write_bytes(portfolio)
    own = clone / "notebooks" / "my_notes.ipynb"
    write_nb(own, new_notebook(cells=[new_markdown_cell("My notes")]))
    own_bytes = own.read_bytes()

    # Upstream, first commit: a new data file and a changed data file (the trainee touched neither).
    (author / "data" / "regions.csv").write_text("region,hromadas\nLviv,73\n")
    (author / "data" / "figures.csv").write_text("year,agreements\n2022,1200\n2023,1500\n2024,1700\n")
    publish(course, "More data")
    # Upstream, second commit: the same notebook, but another cell (the figures cell).
    nb_up = nbformat.read(str(author / "notebooks" / "lab.ipynb"), as_version=4)
    next(c for c in nb_up.cells if c.id == "figures").source = "lab.figures(since=2022)"
    write_nb(author / "notebooks" / "lab.ipynb", nb_up)
    publish(course, "Figures since 2022")

    log = "".join(pull(course))

    # Case 2: different cells of the same notebook: the trainee's edit and upstream's both there.
    assert cell(clone / "notebooks" / "lab.ipynb", "task").source == 'lab.tasks.q1.check("hromada")'
    assert cell(clone / "notebooks" / "lab.ipynb", "figures").source == "lab.figures(since=2022)"
    assert cell(clone / "notebooks" / "lab.ipynb", "figures").outputs[0]["text"] == "ran cell 3\n"
    # Case 1: files the trainee did not change, and new files, arrive as upstream has them.
    assert (clone / "data" / "regions.csv").read_text() == "region,hromadas\nLviv,73\n"
    assert (clone / "data" / "figures.csv").read_text().endswith("2024,1700\n")
    # The trainee's saved work and own notebook are untouched.
    assert (clone / "my_work" / "portfolio.json").read_bytes() == portfolio
    assert own.read_bytes() == own_bytes
    # nbgitpuller committed the trainee's change locally, then merged upstream into it.
    assert "Automatic commit by nbgitpuller" in git(clone, "log", "--format=%s")
    assert "merge" in log.lower()


def test_same_cell_changed_on_both_sides_keeps_the_trainees_version(course):
    pull(course)
    clone, author = course["clone"], course["author"]
    nb = nbformat.read(str(clone / "notebooks" / "lab.ipynb"), as_version=4)
    next(c for c in nb.cells if c.id == "task").source = 'lab.tasks.q1.check("hromada")'
    write_nb(clone / "notebooks" / "lab.ipynb", nb)

    nb_up = nbformat.read(str(author / "notebooks" / "lab.ipynb"), as_version=4)
    next(c for c in nb_up.cells if c.id == "task").source = "lab.tasks.q1.check(____)  # type one word"
    next(c for c in nb_up.cells if c.id == "figures").source = "lab.figures(since=2022)"
    write_nb(author / "notebooks" / "lab.ipynb", nb_up)
    publish(course, "Task hint in the cell; figures since 2022")

    pull(course)

    # Case 3: the same line changed on both sides: the trainee's line wins ...
    assert cell(clone / "notebooks" / "lab.ipynb", "task").source == 'lab.tasks.q1.check("hromada")'
    # ... and upstream's change elsewhere in the notebook still arrives.
    assert cell(clone / "notebooks" / "lab.ipynb", "figures").source == "lab.figures(since=2022)"


def test_a_deleted_file_comes_back_fresh(course):
    pull(course)
    clone, author = course["clone"], course["author"]
    (clone / "notebooks" / "lab.ipynb").unlink()  # "start over": delete it, open the link again
    (author / "README.md").write_text("# Course\n\nVersion 2.\n")
    publish(course, "README")

    pull(course)

    # Case 4: the deleted notebook is back, as upstream has it; other changes arrive too.
    assert (clone / "notebooks" / "lab.ipynb").read_bytes() == (author / "notebooks" / "lab.ipynb").read_bytes()
    assert (clone / "README.md").read_text().endswith("Version 2.\n")


def test_a_trainee_file_with_the_name_of_a_new_upstream_file_is_renamed_not_lost(course):
    pull(course)
    clone, author = course["clone"], course["author"]
    mine = new_notebook(cells=[new_markdown_cell("The trainee's own lab 2")])
    write_nb(clone / "notebooks" / "lab2.ipynb", mine)
    theirs = new_notebook(cells=[new_markdown_cell("The course's lab 2")])
    write_nb(author / "notebooks" / "lab2.ipynb", theirs)
    publish(course, "Lab 2")

    pull(course)

    # Case 5: upstream's file takes the name; the trainee's is renamed with a timestamp.
    assert nbformat.read(str(clone / "notebooks" / "lab2.ipynb"), as_version=4).cells[0].source == "The course's lab 2"
    renamed = [p for p in (clone / "notebooks").iterdir() if re.fullmatch(r"lab2__\d{14}\.ipynb", p.name)]
    assert len(renamed) == 1, sorted(p.name for p in (clone / "notebooks").iterdir())
    assert nbformat.read(str(renamed[0]), as_version=4).cells[0].source == "The trainee's own lab 2"
