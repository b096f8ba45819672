"""Writing records: starting a repository, new records from skeletons, importing a
spreadsheet plan, and safe in-place updates. The core returns text and findings; the
command line decides what to write."""
