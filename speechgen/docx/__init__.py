"""Step 4, the Word document: the only package that knows OOXML.

Takes blocks and a layout profile (or a shell, or a whole Word template); gives verified
.docx bytes. Also the one reader of .docx files (text with tracked changes resolved,
comments, properties), untrusted-package checks and the draft fingerprint. Every
namespace URI lives in :mod:`.ns`.
"""
