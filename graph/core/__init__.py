"""Foundations: what every layer uses and nothing in the package builds on.

Owns :mod:`.errors` (the small named exceptions, one line each), :mod:`.vocab`
(the ``ag:``/``agd:`` namespaces as ``DefinedNamespace``), :mod:`.dates` (EDTF
dates at the text's precision and the as-of rules) and :mod:`.ontology` (the
OWL schema read into relation types, polarities and classes).

May import: nothing of actorgraph outside this package (rdflib and the standard library only).
"""
