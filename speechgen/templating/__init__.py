"""Step 3, templating: find a template and render the context to speech markup.

Takes the template context; gives markup text. Holds the template registry (built-in,
office and path templates), the sandboxed strict Jinja environment, rendering with its
limits, Chinese template-error messages, the catalogue (show/lint) and the brief scaffold.
"""
