"""xltrade: grade, schedule and report on an export sales team's customer sheet.

The rules live in pure functions over pandas (:mod:`xltrade.grading`,
:mod:`xltrade.schedule`, :mod:`xltrade.suggestion`, :mod:`xltrade.summary`);
:mod:`xltrade.engine` runs them over a whole sheet, :mod:`xltrade.workbook`
reads and writes the file, and :mod:`xltrade.cli` is the command line.
"""

__version__ = "0.1.0"
