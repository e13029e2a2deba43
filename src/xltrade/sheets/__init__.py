"""What xltrade writes, as data: a :class:`~xltrade.sheets.patch.SheetPatch` per sheet
(the customer sheet's computed columns and highlighting, 周报, 设置, the history),
built from the rules' outputs. No I/O: the writers in :mod:`xltrade.book` and
:mod:`xltrade.excel` apply the patches.
"""
