"""Step 1, the brief: read a brief file and validate it.

Takes a YAML file (or text) the writer typed; gives a validated :class:`~.model.Brief`
(pydantic, ``extra="forbid"``) or :class:`~speechgen.errors.InputProblems` naming every
problem by file, line, column and field in Chinese. Holds the user-file reader, the strict
YAML loader and its messages, the model, validation and the JSON Schema.
"""
