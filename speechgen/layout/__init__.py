"""Layout: profiles (fonts, sizes, spacing, margins, page numbers), fonts and previews.

Takes a profile name or path; gives a :class:`~.profile.Profile` the docx writer follows.
Also finds installed fonts and turns a .docx into PDF/PNG previews with LibreOffice.
"""
