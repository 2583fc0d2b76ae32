//! Reading the interchange format: one JSON document or JSON Lines of them.
