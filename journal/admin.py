# Nothing from the journal is registered: staff edit content, not lives, and cannot read entries,
# drafts or acknowledgements (docs/promises.md, R14).
