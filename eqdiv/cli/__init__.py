"""The command line: a thin typer app over the API. Nothing else imports it."""
