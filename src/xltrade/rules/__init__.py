"""The rules: pure functions over values and pandas tables.

Cell values in, the typed customer table, grades with their reasons, follow-up dates,
suggestions, the weekly summary and the history model out. No workbook, no Excel, no
file: everything here is tested on plain values.
"""
