"""VBA source kept as text in the package; read by :mod:`xltrade.build`."""
