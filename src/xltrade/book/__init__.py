"""The workbook file: reading a package safely, editing it part by part, and writing
it back with every part xltrade does not own copied byte for byte."""
