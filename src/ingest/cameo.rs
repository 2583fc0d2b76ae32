//! The CAMEO event codebook and its mapping to event kinds.
