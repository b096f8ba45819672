"""Every record file, and two ways to change one: a form generated from its kind's
JSON Schema (labels and hints from the schema, a control per type), and the whole
file as text. Both save through ``authoring.record_edit``: checked inside the
repository first, refused with the findings beside the fields (or lines) when the
change brings an error, written in one step, never over someone else's change. The
file is chosen from the repository's own list: a URL is only a key into it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, flash, get_flashed_messages, redirect, request, url_for

from eqdiv.authoring.record_edit import (
    ChangedMeanwhile,
    digest,
    edit_record_text,
    edited_text,
    read_record_file,
    record_file,
)
from eqdiv.checks.validation import validate
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.findings import Finding, sort_findings
from eqdiv.model.records import Record
from eqdiv.schema.form_fields import FormField, FormLayout, form_layout
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository
from eqdiv.web.pages import load, root
from eqdiv.web.rendering import page, today


def records_page() -> Response:
    repo = load()
    by_path = {r.path: r for r in repo.records}
    broken = {f.location.path for f in repo.findings}
    rows = [(path, by_path.get(path), path in broken) for path in sorted(repo.files)]
    return page("records.html", title="Records", current="records", rows=rows)


def _record(repo: Repository, path: str) -> Record | None:
    record_file(repo, path)
    return next((r for r in repo.records if r.path == path), None)


def _where(finding: Finding) -> str:
    return f"line {finding.location.line}, column {finding.location.column}"


# The form ------------------------------------------------------------------------


def _current(data: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        if isinstance(data, list):
            data = data[int(part)] if part.isdigit() and int(part) < len(data) else None
        else:
            data = data.get(part) if isinstance(data, Mapping) else None
    return data


def _shown(field: FormField, value: Any) -> Any:
    """A value as its control shows it: text, a list of chosen options, yes/no."""
    if value is None:
        return [] if field.widget == "choices" else ""
    if field.widget == "choices":
        return [str(v) for v in value] if isinstance(value, list) else []
    if field.widget == "lines":
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if field.widget == "boolean":
        return "true" if value is True else "false" if value is False else str(value)
    return str(value)


def _same(field: FormField, value: Any, current: Any) -> bool:
    """Whether what was sent is what the record has (spacing and line breaks in words
    aside: a text box sends its own), so that an untouched field is left as written."""
    if current in ("", [], {}):  # `provided: []` says no more than leaving it out
        current = None
    if value is None or current is None:
        return value is None and current is None
    shown, had = _shown(field, value), _shown(field, current)
    if isinstance(shown, list) or isinstance(had, list):  # choices: the order is the file's
        return bool(sorted(shown) == sorted(had))
    return " ".join(str(shown).split()) == " ".join(str(had).split())


def _parsed(field: FormField, form: Mapping[str, Any]) -> tuple[Any, str | None]:
    """What the person entered for ``field``, as the record's value (None: leave it
    out), or a problem in words."""
    if field.widget == "choices":
        chosen = [v for v in form["choices"].get(field.pointer, []) if v]
        unknown = [v for v in chosen if v not in field.options]
        if unknown:
            return None, f"'{unknown[0]}' is not one of the choices."
        return [o for o in field.options if o in chosen] or None, None
    text = str(form["values"].get(field.pointer, "")).replace("\r\n", "\n")
    if field.widget == "lines":
        items = [" ".join(line.split()) for line in text.splitlines()]
        return [i for i in items if i] or None, None
    plain = text.strip() if field.widget == "text" else " ".join(text.split())
    if not plain:
        return None, None
    return _typed(field, plain)


def _typed(field: FormField, text: str) -> tuple[Any, str | None]:
    if field.widget == "integer":
        if not text.isdigit():
            return None, f"'{text}' is not a whole number: write digits only, such as 12."
        return int(text), None
    if field.widget == "boolean":
        if text not in ("true", "false"):
            return None, "Choose yes or no."
        return text == "true", None
    if field.widget == "select" and text not in field.options:
        return None, f"'{text}' is not one of the choices."
    return text, None


def _place(layout: FormLayout, findings: list[Finding]) -> tuple[dict[str, list[str]], list[str]]:
    """Each finding beside the field it is about (the field whose pointer is, or holds,
    the finding's), else in the list above the form."""
    beside: dict[str, list[str]] = {}
    above: list[str] = []
    pointers = sorted(layout.pointers, key=len, reverse=True)
    for f in findings:
        at = f.location.pointer
        said = f"{f.message}{f' {f.hint}' if f.hint else ''} ({_where(f)})"
        match = next((p for p in pointers if at == p or at.startswith(p + "/")), None)
        if match is None:
            section = next((s for s in layout.sections if at == f"/{s.key}"), None)
            match = section.fields[0].pointer if section else None
        if match is None:
            above.append(said)
        else:
            beside.setdefault(match, []).append(said)
    return beside, above


def _form_page(
    repo: Repository,
    path: str,
    code: int = 200,
    *,
    entered: Mapping[str, Any] | None = None,
    problems: Mapping[str, list[str]] | None = None,
    general: list[str] | None = None,
    new: list[Finding] | None = None,
    conflict: bool = False,
) -> Response:
    record = _record(repo, path)
    if record is None or record.kind not in SchemaSet.load().kinds:
        flash(f"{path} cannot be read as a record, so it has no form: edit it as text.")
        return redirect(url_for("record_text", file=path), code=303)  # type: ignore[return-value]
    layout = form_layout(SchemaSet.load(), record.kind, record.data)
    if new is None:
        existing = sort_findings(validate(repo, today(), [path]).findings)
        beside, above = _place(layout, [f for f in existing if f.location.path == path])
    else:
        beside, above = _place(layout, new)
    for pointer, texts in (problems or {}).items():
        beside.setdefault(pointer, []).extend(texts)
    values = {
        f.pointer: (entered or {}).get(f.pointer, _shown(f, _current(record.data, f.pointer)))
        for s in layout.sections
        for f in s.fields
    }
    return page(
        "record_form.html",
        code,
        title=f"Edit {record.id}",
        current="records",
        path=path,
        record=record,
        layout=layout,
        values=values,
        beside=beside,
        above=above,
        general=general or [],
        blocked=new is not None or bool(problems) or bool(general),
        conflict=conflict,
        digest=digest(read_record_file(root(), path)),
        saved=get_flashed_messages(),
    )


def record_form(file: str) -> Response:
    return _form_page(load(), file)


def _read_form(
    layout: FormLayout, record: Record
) -> tuple[dict[str, Any], dict[str, list[str]], dict[str, Any]]:
    """What was entered (to show again), the problems with it by field, and the
    changes to make (pointer → value; None removes the field)."""
    sent: dict[str, dict[str, Any]] = {
        "values": {p: request.form.get(p, "") for p in layout.pointers},
        "choices": {p: request.form.getlist(p) for p in layout.pointers},
    }
    entered: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    changes: dict[str, Any] = {}
    for section in layout.sections:
        for field in section.fields:
            value, problem = _parsed(field, sent)
            entered[field.pointer] = sent["choices" if field.widget == "choices" else "values"][
                field.pointer
            ]
            if problem:
                problems[field.pointer] = [problem]
            elif not _same(field, value, _current(record.data, field.pointer)):
                changes[field.pointer] = value
    return entered, problems, changes


def save_record_form(file: str) -> Response:
    repo = load()
    record = _record(repo, file)
    if record is None:
        return _form_page(repo, file)
    layout = form_layout(SchemaSet.load(), record.kind, record.data)
    entered, problems, changes = _read_form(layout, record)
    if problems:
        return _form_page(repo, file, 400, entered=entered, problems=problems)
    before = read_record_file(root(), file)
    if request.form.get("digest", "") != digest(before):
        return _form_page(repo, file, 409, conflict=True, general=[_conflict_words(file)])
    if not changes:
        flash("Nothing changed, so nothing was saved.")
        return redirect(url_for("record_form", file=file), code=303)  # type: ignore[return-value]
    try:
        after = edited_text(record, before, changes)
        outcome = edit_record_text(root(), file, after, today(), opened=digest(before))
    except ChangedMeanwhile as err:
        return _form_page(load(), file, 409, conflict=True, general=[_words(err)])
    except EqdivError as err:
        return _form_page(repo, file, 400, entered=entered, general=[_words(err)])
    if outcome.failed:
        general = [f"Nothing was saved: {file} is as it was."]
        return _form_page(
            repo, file, 400, entered=entered, new=list(outcome.edit.new), general=general
        )
    flash(f"Saved to {file}.")
    return redirect(url_for("record_form", file=file), code=303)  # type: ignore[return-value]


def _conflict_words(path: str) -> str:
    return (
        f"Someone changed {path} after you opened this page, so nothing was saved. The "
        "page now shows the record as it is: make your change again, then save."
    )


def _words(err: EqdivError) -> str:
    return " ".join(filter(None, [err.message, err.hint]))


# The text editor -------------------------------------------------------------------


def _text_page(
    repo: Repository,
    path: str,
    code: int = 200,
    *,
    text: str | None = None,
    findings: list[Finding] | None = None,
    new: list[Finding] | None = None,
    general: list[str] | None = None,
    conflict: bool = False,
) -> Response:
    record = _record(repo, path)
    before = read_record_file(root(), path)
    shown = text if text is not None else before.decode("utf-8", errors="replace")
    if findings is None:
        every = [*validate(repo, today(), [path]).findings, *repo.findings]
        findings = sort_findings(list({f: None for f in every if f.location.path == path}))
    lines = shown.splitlines()
    fresh = set(new or [])
    listed = [
        (f, lines[f.location.line - 1] if 0 < f.location.line <= len(lines) else "", f in fresh)
        for f in findings
    ]
    return page(
        "record_text.html",
        code,
        title=f"Edit {path} as text",
        current="records",
        path=path,
        record=record,
        text=shown,
        listed=listed,
        general=general or [],
        conflict=conflict,
        blocked=new is not None,
        digest=digest(before),
        saved=get_flashed_messages(),
    )


def record_text(file: str) -> Response:
    return _text_page(load(), file)


def save_record_text(file: str) -> Response:
    repo = load()
    record_file(repo, file)
    text = request.form.get("text", "")
    before = read_record_file(root(), file)
    # Browsers send a text box's lines ending in CR LF: keep the file's own endings.
    if b"\r\n" not in before:
        text = text.replace("\r\n", "\n")
    if text and not text.endswith("\n"):
        text += "\r\n" if b"\r\n" in before else "\n"
    try:
        outcome = edit_record_text(
            root(), file, text.encode("utf-8"), today(), opened=request.form.get("digest", "")
        )
    except ChangedMeanwhile as err:
        return _text_page(load(), file, 409, text=text, conflict=True, general=[_words(err)])
    except UsageError as err:
        return _text_page(repo, file, 400, text=text, general=[_words(err)])
    if outcome.failed:
        edit = outcome.edit
        return _text_page(
            repo,
            file,
            400,
            text=text,
            findings=sort_findings(edit.findings),
            new=list(edit.new),
            general=[f"Nothing was saved: {file} is as it was."],
        )
    flash(f"Saved to {file}." if outcome.written else "Nothing changed, so nothing was saved.")
    return redirect(url_for("record_text", file=file), code=303)  # type: ignore[return-value]


def register(app: Flask) -> None:
    app.add_url_rule("/records", "records", records_page)
    app.add_url_rule("/records/<path:file>", "record_form", record_form, methods=["GET"])
    app.add_url_rule("/records/<path:file>", "save_record_form", save_record_form, methods=["POST"])
    app.add_url_rule("/text/<path:file>", "record_text", record_text, methods=["GET"])
    app.add_url_rule("/text/<path:file>", "save_record_text", save_record_text, methods=["POST"])
