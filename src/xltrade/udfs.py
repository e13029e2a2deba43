"""The module workbooks name in their xlwings config (``UDF Modules = xltrade.udfs``):
workbooks already handed out import the UDFs by this name. They live in
:mod:`xltrade.excel.udfs`."""

from xltrade.excel.udfs import *  # noqa: F403
from xltrade.excel.udfs import __all__  # noqa: F401
