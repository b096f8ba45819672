"""The one Jinja environment: where report templates are found, and how they render.

Templates come from the records repository's own ``templates/`` folder first, then
eqdiv's built-ins (the top-level ``templates/`` folder, shipped in the wheel), so a
partnership overrides a built-in by saving a file of the same name; ``builtin/NAME``
always names the built-in one (for ``{% extends "builtin/quarterly.html" %}``).

The environment is sandboxed (a template is a file anyone with commit access can
change, and must not reach Python's internals), undefined names are errors rather than
blanks (a misspelt field must not silently print nothing in a published report), and
HTML templates autoescape, so record text such as ``<script>`` is shown, never run.
Templates only display: every figure comes from the view model (``eqdiv.report``).

Any error in a template, found when it is read or when it runs, becomes a
``TemplateProblem`` naming the template and the line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    pass_context,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from eqdiv.model import escaping
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.resources import template_dir
from eqdiv.model.suggest import did_you_mean, nearest
from eqdiv.report.view_model import ViewModel

TEMPLATES = "templates"  # a records repository's own templates live here
BUILTIN = "builtin"  # the prefix that always names eqdiv's own templates
ESCAPED = ("html", "htm", "xml", "svg")  # file extensions that autoescape as HTML
MARKDOWN = "md"  # and the one that autoescapes as Markdown (see ``_finalize``)


class TemplateProblem(EqdivError):
    """A template could not be read or rendered (exit 3 at the command line)."""


class _Undefined(StrictUndefined):
    """A name a template uses that is not there: an error (as ``StrictUndefined``),
    which names a report view's missing field as a field of that view, with the
    nearest field it does have."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        view, name = self._undefined_obj, self._undefined_name
        if not isinstance(view, ViewModel) or not isinstance(name, str):
            return str(super()._undefined_message)
        match = nearest(name, view.__dataclass_fields__)
        near = f" (the nearest is '{match}')" if match else ""
        return f"{type(view).__name__} has no field '{name}'{near}"


def environment(root: Path | None = None, first: Sequence[Path] = ()) -> SandboxedEnvironment:
    """The environment for the records repository at ``root`` (None: built-ins only);
    ``first`` are folders searched before the repository's ``templates/``."""
    folders = [*first]
    if root is not None:
        folders.append(root / TEMPLATES)
    folders.append(template_dir())
    loaders: list[BaseLoader] = [
        PrefixLoader({BUILTIN: FileSystemLoader(template_dir())}),
        FileSystemLoader([str(f) for f in folders]),
    ]
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=_Undefined,
        # Markdown autoescapes too, so that a macro's output is marked safe and is not
        # escaped again; ``_finalize`` gives each value its family's escaping.
        autoescape=select_autoescape((*ESCAPED, MARKDOWN), default_for_string=False, default=False),
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=markdown_text, wrap=wrap_text, number=number, percent=percent)
    return env


def render(
    name: str,
    context: Mapping[str, object],
    root: Path | None = None,
    first: Sequence[Path] = (),
) -> str:
    """Render the template called ``name`` with ``context``. A name that no folder
    holds is a ``UsageError``; an error in a template is a ``TemplateProblem``."""
    env = environment(root, first)
    names = env.list_templates()
    if name not in names:
        raise UsageError(
            f"There is no template called '{name}'.",
            did_you_mean(name, names)
            + f"Templates are looked for in {_folders(root, first)}. Available: "
            + ", ".join(n for n in names if not n.startswith("_")),
        )
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as err:
        raise _problem(err, err.filename or err.name or name, err.lineno, root) from None
    except (
        TemplateError,  # undefined names, sandbox violations, missing includes, ...
        # What a template's own expressions can raise: {{ 1 / 0 }}, {{ items[99] }}...
        ArithmeticError,
        LookupError,
        TypeError,
        ValueError,
        AttributeError,
        RecursionError,
    ) as err:
        filename, line = _template_frame(err)
        raise _problem(err, filename or name, line, root) from None


def _template_frame(err: BaseException) -> tuple[str | None, int | None]:
    """The innermost template line in ``err``'s traceback. Jinja rewrites template
    frames to point at the template's file and line, marking them with
    ``__jinja_exception__`` in their globals."""
    found: tuple[str | None, int | None] = (None, None)
    tb = err.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _problem(
    err: BaseException, filename: str, line: int | None, root: Path | None
) -> TemplateProblem:
    where = _display(filename, root)
    at = f"{where}, line {line}" if line else where
    if isinstance(err, SecurityError):
        what = f"it tries something a report template may not do ({str(err).rstrip('.')})"
        hint = (
            "Templates only display the report's figures: they cannot reach Python's "
            "internals (names starting with _), files or the network."
        )
    elif isinstance(err, TemplateSyntaxError):
        what = err.message or "the template cannot be read"
        hint = "Check the {{ }}, {% %} and {# #} on that line: each must be closed."
    elif isinstance(err, TemplateNotFound):
        what = f"it includes a template that does not exist: {err.name}"
        hint = "Check the name in {% include %}, {% import %} or {% extends %}."
    elif isinstance(err, TemplateError):
        what = str(err.message or err)
        hint = (
            "A name the template uses is not in the report: `eqdiv report quarterly "
            "--format json` shows everything a template can use."
        )
    else:
        what = f"{type(err).__name__}: {err}"
        hint = "Check the expression on that line."
    return TemplateProblem(f"The template {at} has an error: {what.rstrip('.')}.", hint)


def _display(filename: str, root: Path | None) -> str:
    """A template's file as the user knows it: inside the records repository, its
    relative path; a built-in, by name."""
    path = Path(filename)
    if root is not None and path.is_absolute():
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    try:
        return f"{path.resolve().relative_to(template_dir().resolve()).as_posix()} (built in)"
    except ValueError:
        return filename


def _folders(root: Path | None, first: Sequence[Path]) -> str:
    shown = [str(f) for f in first]
    if root is not None:
        shown.append(f"{TEMPLATES}/ in {root}")
    return ", ".join([*shown, "eqdiv's built-in templates"])


def _family(name: str | None) -> str:
    """The output family of the template called ``name``, by its extension."""
    suffix = (name or "").rpartition(".")[2].lower()
    return "html" if suffix in ESCAPED else "md" if suffix == MARKDOWN else "text"


@pass_context
def _finalize(context: Context, value: object) -> object:
    """Every value a template prints, through its family's escaping: record text in a
    Markdown template through ``markdown_text`` (so a template that forgets ``| md``
    still cannot put a link or a tag into a pull request comment), in HTML through
    ``visible_controls`` before autoescape, in plain text through ``terminal_text``.
    What is already marked safe (a macro's output, ``| md``) is left as it is, and so
    is an undefined name (it must still raise)."""
    if isinstance(value, Markup | int | float | Undefined):
        return value
    family = _family(context.name)
    text = str(value)  # a view's own words, as Jinja would print them
    if family == "md":
        return Markup(escaping.markdown_text(text, one_line=False))
    return escaping.terminal_text(text) if family == "text" else escaping.visible_controls(text)


def markdown_text(value: object) -> Markup:
    """The ``md`` filter: record text for a Markdown table cell or list item, on one line
    (``eqdiv.model.escaping.markdown_text``). Given text already marked safe (what
    ``join`` gives under autoescape), it escapes the text, not its HTML escapes."""
    text = value.unescape() if isinstance(value, Markup) else value
    return Markup(escaping.markdown_text(text))


def wrap_text(value: object, width: int = 78, indent: str = "", first: str | None = None) -> str:
    """Plain text wrapped to ``width`` columns: ``first`` starts the first line
    (default ``indent``), ``indent`` the others."""
    return textwrap.fill(
        " ".join(str(value).split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def number(value: float | int) -> str:
    """``1,234``; a fraction to one place."""
    return f"{int(value):,}" if value == int(value) else f"{value:,.1f}"


def percent(value: float, places: int = 0) -> str:
    """A percentage (0 to 100) as ``81%``."""
    return f"{value:.{places}f}%"
