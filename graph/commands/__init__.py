"""The CLI's commands by theme, added to the ``actorgraph`` group by :mod:`actorgraph.cli`.

:mod:`.output` is the shared plumbing (one-line errors, ``--format
table|csv|json``, option types); :mod:`.reading`, :mod:`.analyzing`,
:mod:`.writing`, :mod:`.outputs` and :mod:`.stores` hold the commands. Each
command is a few lines calling one library function, imported inside the
command so that ``actorgraph --help`` stays fast.

The top layer: may import every layer of the package.
"""
