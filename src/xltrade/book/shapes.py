"""Sheet buttons as DrawingML: a rounded rectangle with its text, named, and linked to
the cell hidden under it (the way xlwings Lite ties a shape to a script).

The link is a hyperlink relationship of the drawing with a ``#Sheet!Cell`` target,
as Excel writes a shape's "Place in This Document" link.
"""

from __future__ import annotations

from xltrade.book.cellxml import escape, split_ref
from xltrade.sheets.patch import Button

HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
#: The buttons' colours: xltrade's header teal, white bold text.
FILL, LINE, TEXT = "1F6F78", "17545B", "FFFFFF"


def link_target(sheet: str, cell: str) -> str:
    """The hyperlink target of a cell of ``sheet``: ``#'Sheet name'!B4``."""
    return "#'" + sheet.replace("'", "''") + "'!" + cell


def button_anchor(button: Button, rel_id: str, shape_id: int) -> str:
    """The anchor placing ``button`` over its cells, its link the relationship
    ``rel_id`` of the drawing."""
    row, col = split_ref(button.anchor)
    end_row, end_col = split_ref(button.end)
    return (
        '<xdr:twoCellAnchor editAs="absolute">'
        f"<xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
        f"<xdr:to><xdr:col>{end_col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{end_row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        '<xdr:sp macro="" textlink="">'
        f'<xdr:nvSpPr><xdr:cNvPr id="{shape_id}" name="{escape(button.name)}">'
        f'<a:hlinkClick r:id="{rel_id}"/></xdr:cNvPr><xdr:cNvSpPr/></xdr:nvSpPr>'
        '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{FILL}"/></a:solidFill>'
        f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{LINE}"/></a:solidFill></a:ln>'
        "</xdr:spPr>"
        '<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" rtlCol="0" '
        'anchor="ctr"/><a:lstStyle/>'
        '<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="zh-CN" sz="1400" b="1">'
        f'<a:solidFill><a:srgbClr val="{TEXT}"/></a:solidFill></a:rPr>'
        f"<a:t>{escape(button.text)}</a:t></a:r></a:p></xdr:txBody>"
        "</xdr:sp><xdr:clientData/></xdr:twoCellAnchor>")
