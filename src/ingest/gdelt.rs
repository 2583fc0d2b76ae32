//! Streaming reader for GDELT 1.0 and 2.0 event exports (plain and zip).
