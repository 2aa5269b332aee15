"""The welcome lab: how exercises work, and the "My work" panel."""

from exercises.core.panels import my_work
from exercises.welcome import tasks
from exercises.welcome.widget import warm_up

__all__ = ["my_work", "tasks", "warm_up"]
