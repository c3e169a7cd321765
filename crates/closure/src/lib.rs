//! The closure domain (being built).
