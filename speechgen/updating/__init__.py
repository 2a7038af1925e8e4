"""Bringing people's drafts up to date: ``speechgen update`` and ``check --annotate``.

Takes a draft a person edited (and, for ``update``, the brief it came from) and gives a
new .docx in which speechgen's changes are tracked changes and comments a leader reviews
in Word or WPS. ``record`` says what a render generated (kept inside every draft),
``merge`` plans the three-way paragraph merge (pure Python), ``update`` and
``annotate`` run the commands on top of the docx layer's revisions and comments.
"""
