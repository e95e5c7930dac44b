"""Text that XML 1.0 can carry: every XML writer (JUnit reports, StratML) passes its text through here.

XML 1.0 has no way to write most control characters, lone surrogates, U+FFFE or U+FFFF, not even as
character references, so a parser refuses a document holding one. They are replaced by U+FFFD.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def clean_tree(root: ElementTree.Element) -> ElementTree.Element:
    """Every text, tail and attribute value in the tree made XML-safe, in place."""
    for node in root.iter():
        if node.text:
            node.text = xml_text(node.text)
        if node.tail:
            node.tail = xml_text(node.tail)
        for name, value in node.attrib.items():
            node.attrib[name] = xml_text(value)
    return root
