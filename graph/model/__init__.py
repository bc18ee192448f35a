"""Read model: the records a question gets back, from any store that answers SPARQL.

Owns :mod:`.records` (the dataclasses :class:`~.records.Actor`,
:class:`~.records.Relation`, :class:`~.records.Event`, :class:`~.records.Source`,
:class:`~.records.Quantity`), :mod:`.names` (actors, places, labels, and
resolving a typed name), :mod:`.reads` (relations, events, sources, figures,
``show``, the networkx bridge), :mod:`.places` (places inside places),
:mod:`.selectors` (the SPARQL that finds a read's statements with the store's
indexes), :mod:`.query_library` (the shipped ``.rq`` files) and :mod:`.queries`
(running a query with bound parameters).

May import: core, store. Never write, ingest, analysis, exports, serve or the CLI.
"""
