//! A simulated CLC API v2 account (being built).
