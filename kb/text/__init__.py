"""Text tools every stage shares: the tokenizer (jieba with kb's dictionary), Chinese and Arabic
numerals, units and scales, the gazetteer of places and organisations, and the vocabulary loader
that reads kb/data/."""
