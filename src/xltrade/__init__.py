"""xltrade: grade, schedule and report on an export sales team's customer sheet.

The layers, each importing only from those before it: :mod:`xltrade.rules` (pure
functions over values and pandas), :mod:`xltrade.sheets` (what is written, as
patches), :mod:`xltrade.book` and :mod:`xltrade.vba` (the workbook file),
:mod:`xltrade.mail`, :mod:`xltrade.excel` (inside Excel), :mod:`xltrade.build`
and :mod:`xltrade.sample`, and :mod:`xltrade.cli`, the command line.
"""

__version__ = "0.1.0"
