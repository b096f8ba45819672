"""Actions on a day: each action's state (done, overdue, due soon, under review, ...)
from its due date and status (``state``), the filtered listing behind ``eqdiv
actions`` (``listing``), the words the screens use for them (``words``) and their JSON
shape (``action_json``). Reading due dates written in words is ``model.due_text``."""
