//! The pixel pipeline. STUB: being written.
