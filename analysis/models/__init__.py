"""Scorers behind one interface: texts in, a table of scores out, with the model's id and
version next to each score. The built-in e5 encoder, sentiment (built-in head, fine-tuned
artefact or any Hugging Face model) and the hoax score with its combiner. Inference only:
training lives in ``analysis.training``."""
