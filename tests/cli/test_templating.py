"""The one Jinja environment: where templates are found, what they may not do, and how
an error in one reaches the user (the template, the line, exit 3, no traceback)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv.model.errors import UsageError
from eqdiv.report.templating import TemplateProblem, markdown_text, render, wrap_text
from tests.conftest import BUNDLED, CliResult, write_tree

Cli = Callable[..., CliResult]


def repo_with(tmp_path: Path, templates: dict[str, str]) -> Path:
    root = Path(tmp_path / "records")
    import shutil

    shutil.copytree(BUNDLED, root)
    write_tree(root, {f"templates/{name}": text for name, text in templates.items()})
    return root


def test_a_repository_template_overrides_the_built_in_one(tmp_path: Path) -> None:
    root = tmp_path
    write_tree(root, {"templates/quarterly.md": "Ours: {{ report.title }}\n"})
    assert render("quarterly.md", {"report": {"title": "T"}}, root) == "Ours: T\n"


def test_builtin_names_the_shipped_template_even_when_overridden(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "templates/report.css": "body { color: red; }\n",
            "templates/mine.txt": '{% include "builtin/report.css" %}',
        },
    )
    shipped = render("mine.txt", {}, tmp_path)
    assert shipped.startswith("/* eqdiv report style")
    assert render("report.css", {}, tmp_path) == "body { color: red; }\n"


def test_each_family_escapes_every_value_its_own_way(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "templates/a.html": "<p>{{ text }}</p>\n",
            "templates/a.txt": "{{ text }}\n",
            "templates/a.md": "{{ text | md }}\n",
            # A Markdown template that forgets `| md` escapes the value all the same.
            "templates/b.md": "{{ text }}\n",
        },
    )
    text = "<script>alert('x')</script> & | * \x1b[2J\u202e"
    assert render("a.html", {"text": text}, tmp_path) == (
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; | * \u241b[2J&lt;U+202E&gt;</p>\n"
    )
    assert render("a.txt", {"text": text}, tmp_path) == (
        "<script>alert('x')</script> & | * \u241b[2J<U+202E>\n"
    )
    markdown = "&lt;script&gt;alert('x')&lt;/script&gt; &amp; \\| \\* \u241b\\[2J&lt;U+202E&gt;\n"
    assert render("a.md", {"text": text}, tmp_path) == markdown
    assert render("b.md", {"text": text}, tmp_path) == markdown


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "line one\n{% if report %}\nunclosed\n",
            "The template templates/broken.md, line 3 has an error: Unexpected end of template. "
            "Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The "
            "innermost block that needs to be closed is 'if'.",
        ),
        (
            "a\nb\n{{ report.nothing_here }}\n",
            "The template templates/broken.md, line 3 has an error: 'dict object' has no "
            "attribute 'nothing_here'.",
        ),
        (
            "{{ report.__class__.__mro__ }}\n",
            "The template templates/broken.md, line 1 has an error: it tries something a "
            "report template may not do (access to attribute '__class__' of 'dict' object "
            "is unsafe).",
        ),
        (
            "one\n{{ 1 // 0 }}\n",
            "The template templates/broken.md, line 2 has an error: ZeroDivisionError: "
            "integer division or modulo by zero.",
        ),
        (
            '{% include "missing.html" %}\n',
            "The template templates/broken.md, line 1 has an error: it includes a template "
            "that does not exist: missing.html.",
        ),
    ],
    ids=["syntax", "undefined", "sandbox", "runtime", "missing-include"],
)
def test_a_template_error_names_the_template_and_line(
    tmp_path: Path, source: str, message: str
) -> None:
    write_tree(tmp_path, {"templates/broken.md": source})
    with pytest.raises(TemplateProblem) as caught:
        render("broken.md", {"report": {}}, tmp_path)
    assert caught.value.message == message


def test_an_error_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "templates/outer.md": 'first\n{% include "inner.md" %}\n',
            "templates/inner.md": "x\ny\n{{ nope }}\n",
        },
    )
    with pytest.raises(TemplateProblem) as caught:
        render("outer.md", {}, tmp_path)
    assert caught.value.message.startswith("The template templates/inner.md, line 3 ")


def test_an_unknown_template_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        render("quartely.html", {}, tmp_path)
    assert caught.value.message == "There is no template called 'quartely.html'."
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("Did you mean 'quarterly.html'?")


def test_cli_template_errors_exit_3_without_a_traceback(cli: Cli, tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"quarterly.html": "<p>\n{{ report.titel }}</p>\n"})
    result = cli("report", "quarterly", "--as-of", "2007-10-15", cwd=root)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(
        "eqdiv: The template templates/quarterly.html, line 2 has an error: QuarterlyReport "
        "has no field 'titel' (the nearest is 'title').\n"
    )
    assert "Traceback" not in result.stderr


def test_cli_render_a_custom_template_by_name_or_path(cli: Cli, tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"summary.txt": "{{ report.period.short }}: {{ report.title }}\n"})
    by_name = cli("report", "render", "summary.txt", "--as-of", "2007-10-15", cwd=root)
    assert (by_name.exit_code, by_name.stdout) == (
        0,
        "2007/08 Q2: Equality and diversity: quarterly progress report\n",
    )
    elsewhere = tmp_path / "mine.md"
    elsewhere.write_text("{{ report.period.long }} on {{ report.as_of.iso }}\n")
    by_path = cli(
        "report",
        "render",
        str(elsewhere),
        "--report",
        "annual",
        "--year",
        "2007",
        "--as-of",
        "2008-04-30",
        cwd=root,
    )
    assert (by_path.exit_code, by_path.stdout) == (
        0,
        "2007/08 (April 2007 to March 2008) on 2008-04-30\n",
    )


def test_cli_render_unknown_template_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("report", "render", "anual.html", "--as-of", "2007-10-15", cwd=BUNDLED)
    assert result.exit_code == 2
    assert "There is no template called 'anual.html'." in result.stderr
    assert "Did you mean 'annual.html'?" in result.stderr


def test_markdown_text_keeps_to_one_line() -> None:
    assert markdown_text("a\n  b|c [d](e) `f` #g") == "a b\\|c \\[d\\](e) \\`f\\` \\#g"


def test_wrap_text_indents() -> None:
    assert wrap_text("one two three four", 10, "  ", "- ") == "- one two\n  three\n  four"
