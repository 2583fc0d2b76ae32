//! Readers that turn input files into interchange documents or model records:
//! the JSON interchange format, GDELT and ICEWS.
