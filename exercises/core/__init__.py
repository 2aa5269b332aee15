"""The exercise engine shared by every lab: tasks, feedback, the trainee's store, messages, clock."""

from exercises.core.i18n import t
from exercises.core.tasks import Correct, Incorrect, NotAttempted, Task, ____, all_tasks

__all__ = ["____", "Correct", "Incorrect", "NotAttempted", "Task", "all_tasks", "t"]
