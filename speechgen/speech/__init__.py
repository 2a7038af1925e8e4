"""Step 2, the speech: facts of the brief turned into what a speech needs, and its blocks.

Takes a validated brief; gives the template context (rank direction, counts, Chinese
numerals and dates) and, after the template has rendered, parses the markup into blocks
(Title, Byline, Heading, Paragraph…) numbered by position (一、（一）1.（1）).
"""
