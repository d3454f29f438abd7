"""Building and checking the models: labelled datasets, evaluation sets, augmentation,
fine-tuning the encoder for sentiment and training the hoax score. Inference lives in
``analysis.models``; nothing here runs when the dashboard scores a text."""
