"""Native column charts for xltrade's own sheets: the chart part and the drawing that
places it, as DrawingML text."""

from __future__ import annotations

from xltrade.book.cellxml import column_letter, escape, split_ref
from xltrade.sheets.patch import Chart

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
EMU_PER_CM = 360_000
#: Default column and row sizes, to turn a chart's size into the cells it covers.
COLUMN_CM = 1.7
ROW_CM = 0.53


def _absolute(sheet: str, area: str) -> str:
    quoted = "'" + sheet.replace("'", "''") + "'"
    first, _, last = area.partition(":")
    r1, c1 = split_ref(first)
    r2, c2 = split_ref(last or first)
    return f"{quoted}!${column_letter(c1)}${r1}:${column_letter(c2)}${r2}"


def chart_xml(sheet: str, chart: Chart) -> bytes:
    """A clustered column chart without legend, whole-number axis, titled."""
    first, _, _ = chart.values.partition(":")
    title_row, title_col = split_ref(first)
    values = _absolute(sheet, f"{column_letter(title_col)}{title_row + 1}:"
                              f"{chart.values.split(':')[1]}")
    title_cell = _absolute(sheet, first)
    categories = _absolute(sheet, chart.categories)
    text = escape(chart.title)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:roundedCorners val="0"/>'
        "<c:chart>"
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr>"
        f"<a:r><a:t>{text}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
        '<c:autoTitleDeleted val="0"/>'
        "<c:plotArea><c:layout/>"
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        '<c:varyColors val="0"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/>'
        f"<c:tx><c:strRef><c:f>{escape(title_cell)}</c:f></c:strRef></c:tx>"
        '<c:spPr><a:solidFill><a:srgbClr val="1F6F78"/></a:solidFill></c:spPr>'
        '<c:invertIfNegative val="0"/>'
        '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        f"<c:cat><c:strRef><c:f>{escape(categories)}</c:f></c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{escape(values)}</c:f></c:numRef></c:val>"
        "</c:ser>"
        '<c:gapWidth val="80"/><c:axId val="10"/><c:axId val="20"/></c:barChart>'
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="20"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>'
        "</c:catAx>"
        '<c:valAx><c:axId val="20"/><c:scaling><c:orientation val="minMax"/>'
        '<c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="10"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        f'<c:majorUnit val="{chart.step}"/>'
        "</c:valAx>"
        "</c:plotArea>"
        # The data lives in hidden columns: the chart draws it all the same.
        '<c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/>'
        "</c:chart></c:chartSpace>")
    return xml.encode("utf-8")


def _anchor(chart: Chart, rel_id: str, number: int) -> str:
    row, col = split_ref(chart.anchor)
    if chart.end:
        end_row, end_col = split_ref(chart.end)
        rows, cols = end_row - row, end_col - col
    else:
        cols = max(1, round(chart.width_cm / COLUMN_CM))
        rows = max(1, round(chart.height_cm / ROW_CM))
    return (
        '<xdr:twoCellAnchor editAs="oneCell">'
        f"<xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
        f"<xdr:to><xdr:col>{col - 1 + cols}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{row - 1 + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        '<xdr:graphicFrame macro="">'
        f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{number + 1}" name="Chart {number}"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{C_NS}">'
        f'<c:chart xmlns:c="{C_NS}" r:id="{rel_id}"/>'
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>"
        "</xdr:twoCellAnchor>")


def drawing_xml(charts: list[tuple[Chart, str]], shapes: tuple[str, ...] = ()) -> bytes:
    """The drawing part placing each chart (with its relationship id) at its anchor,
    then the other ``shapes`` (anchors already written, their ids after the charts')."""
    anchors = "".join(_anchor(chart, rel_id, n) for n, (chart, rel_id)
                      in enumerate(charts, start=1)) + "".join(shapes)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<xdr:wsDr xmlns:xdr="{XDR_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">{anchors}'
            "</xdr:wsDr>").encode()
