//! `newsroom bench renditions`. STUB: being written.
