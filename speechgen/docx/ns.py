"""Every OOXML namespace and relationship URI speechgen uses: the only place they are spelled out."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
DCMITYPE = "http://purl.org/dc/dcmitype/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
WORD_COMPAT = "http://schemas.microsoft.com/office/word"
XML = "http://www.w3.org/XML/1998/namespace"
CUSTOM_XML_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
# speechgen's own namespace: the record of what a render generated (docx/generated.py).
SPEECHGEN_GENERATED = "urn:speechgen:generated:1"

REL_CORE = PKG_REL + "/metadata/core-properties"
REL_OFFICE_DOCUMENT = R + "/officeDocument"
REL_EXTENDED = R + "/extended-properties"
REL_CUSTOM = R + "/custom-properties"
REL_CUSTOM_XML = R + "/customXml"
REL_CUSTOM_XML_PROPS = R + "/customXmlProps"


def tag(namespace: str, local: str) -> str:
    """Clark notation ``{namespace}local`` as ElementTree and lxml spell element names."""
    return "{" + namespace + "}" + local
