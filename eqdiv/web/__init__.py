"""``eqdiv serve``: the records in a browser, for people who never open a terminal.

A Flask application (``create_app``) over one records repository, server-rendered with
eqdiv's one Jinja environment (``eqdiv.report.templating``) and the reports' accessible
styles; no page needs JavaScript. Reading goes through the same core as the commands
(status, actions, EIA scores, validation, reports); writing through the same workflow
functions (``eqdiv.authoring``), so a change made here is byte for byte the change the
command line would make.
"""
