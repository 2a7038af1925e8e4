"""The browser workspace (``speechgen serve``): a form over a folder of briefs, a live preview,
downloads of the draft, and accounts, history and conflict detection for an office.

Modules: :mod:`.command` (the CLI's entry), :mod:`.app` (routes and sign-in),
:mod:`.security`, :mod:`.accounts`, :mod:`.sessions`, :mod:`.storage` (files, history,
conflicts), :mod:`.yamldoc` (round-trip saves), :mod:`.quarter` (copy rules),
:mod:`.shapes` and :mod:`.form` (the form from the schema), :mod:`.validation`,
:mod:`.preview`, :mod:`.service`, and :mod:`.engine`, the one adapter to speechgen's
internals.
"""
