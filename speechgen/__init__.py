"""speechgen: draft Chinese meeting speeches (.docx) from a YAML brief and reusable templates."""

__version__ = "0.1.0"
