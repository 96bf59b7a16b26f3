"""The writers behind ``Corpus.to_*``: one module per format, and the columns they share.

:mod:`._schema` states the exported columns once, from the attrs model;
:mod:`._relational` derives the tables of the relational formats from it.
Each format module computes on the messages it is given and writes through
:mod:`stalin_telegrams._atomic`. Nothing here is public: reach the formats
through :class:`~stalin_telegrams.Corpus`.
"""
