"""Text helpers every stage shares: keys and one-line forms (``keys``) and the informal
Indonesian normaliser the models read through (``normalize``)."""
