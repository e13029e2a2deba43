"""Writing VBA projects (``xl/vbaProject.bin``) from plain-text modules, without Excel.

:mod:`~xltrade.vba.compression` and :mod:`~xltrade.vba.obfuscation` follow [MS-OVBA]
sections 2.4.1 and 2.4.3, :mod:`~xltrade.vba.cfb` writes the [MS-CFB] compound file,
and :mod:`~xltrade.vba.project` lays out the project's streams.
"""
